import Foundation
import PackagePlugin

/// Embeds files into the target as Swift source: the target's own `Assets/` folder when it has
/// one (the web workbench's pages, style and script), else the package's `Templates/` folder.
@main
struct EmbedTemplatesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let assets = target.directoryURL.appending(path: "Assets")
        let ownAssets = FileManager.default.fileExists(atPath: assets.path)
        let folder = ownAssets ? assets : context.package.directoryURL.appending(path: "Templates")
        let enumName = ownAssets ? "EmbeddedAssets" : "EmbeddedTemplates"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { !$0.hasPrefix(".") }
            .sorted()
            .map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "\(enumName).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(folder.lastPathComponent)/ into \(target.name)",
                executable: try context.tool(named: "embed-templates").url,
                arguments: [folder.path, output.path, enumName],
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
