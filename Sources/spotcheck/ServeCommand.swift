import ArgumentParser
import Foundation
import Logging
import SpotCheckCore
import SpotCheckKit
import SpotCheckText
import SpotCheckWeb

/// `spotcheck serve`: the browser workbench over the workspace's database.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "启动浏览器工作台：组长、回访员、质检员、主管在浏览器中完成本月工作 (serve the web workbench).")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "监听地址，默认只对本机 127.0.0.1 (address to listen on; default this machine only).")
    var host = "127.0.0.1"
    @Option(name: .long, help: "端口，默认 8080 (port).") var port = 8080
    @Option(name: .long, help: "TLS 证书 PEM 文件 (TLS certificate, PEM).", completion: .file())
    var tlsCert: String?
    @Option(name: .long, help: "TLS 私钥 PEM 文件 (TLS private key, PEM).", completion: .file())
    var tlsKey: String?
    @Option(name: .long, help: "会话闲置多少分钟后失效，默认 30 (minutes before an idle session ends).")
    var idleMinutes = 30

    func run() async throws {
        let lang = global.lang
        let out = Output(lang: lang)
        let app: WebApp
        do {
            if (tlsCert == nil) != (tlsKey == nil) { throw UserError(Catalog.Web.tlsPair) }
            let ws = try global.workspace()
            let fixed: (moment: LocalDateTime, dayOnly: Bool)? =
                (global.today ?? ProcessInfo.processInfo.environment["SPOTCHECK_TODAY"]) == nil ? nil : try global.now()
            let settings = WebSettings(
                host: host, port: port, tlsCertificate: tlsCert, tlsKey: tlsKey, idleTimeout: Double(idleMinutes * 60),
                fixedStart: fixed)
            app = try WebApp(shared: try ws.shared(), settings: settings, wallClock: { Clock.now() })
            if settings.isBeyondThisMachine && tlsCert == nil { out.warn(Catalog.Web.plainHTTPWarning) }
            if try UserDirectory(workspace: ws).list().isEmpty { out.note(Catalog.Web.noUsers) }
            let scheme = tlsCert == nil ? "http" : "https"
            out.say(Catalog.Web.listening("\(scheme)://\(host):\(port)/"))
        } catch {
            for line in out.lines(for: error) { out.eprint(line) }
            throw ExitCode(1)
        }
        var logger = Logger(label: "spotcheck.web")
        logger.logLevel = global.verbose ? .info : .warning
        try await app.run(logger: logger)
    }
}
