// swift-tools-version:6.1
// SpotCheck: quality inspection of an online shop's after-sales service.

import PackageDescription

let package = Package(
    name: "SpotCheck",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "spotcheck", targets: ["spotcheck"]),
        .library(name: "SpotCheckCore", targets: ["SpotCheckCore"]),
        .library(name: "SpotCheckKit", targets: ["SpotCheckKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // libxlsxwriter from the system (Debian: libxlsxwriter-dev, which needs zlib1g-dev).
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev", "zlib1g-dev"])]
        ),
        // expat from the system (Debian: libexpat1-dev): the XLSX reader's streaming XML parser.
        .systemLibrary(
            name: "CExpat",
            pkgConfig: "expat",
            providers: [.apt(["libexpat1-dev"])]
        ),
        // libargon2 from the system (Debian: libargon2-dev): the web workbench's password hashes.
        .systemLibrary(
            name: "CArgon2",
            pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"])]
        ),
        // jemalloc from the system (Debian: libjemalloc-dev): the `spotcheck` executable's allocator.
        .systemLibrary(
            name: "CJemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]
        ),
        // Pure rules: no I/O, no Foundation.
        .target(name: "SpotCheckCore"),
        // The catalog of every user-facing string, Simplified Chinese and English.
        .target(name: "SpotCheckText", dependencies: ["SpotCheckCore"]),
        // File formats: CSV (UTF-8/GB18030), XLSX read and write, JSON Lines.
        .target(
            name: "SpotCheckFormats",
            dependencies: [
                "CExpat",
                "CXlsxWriter",
                "SpotCheckCore",
                "SpotCheckText",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // What the machine gives this process: the cores it may use.
        .target(name: "SpotCheckSystem"),
        // The SQLite store: schema, migrations, records.
        .target(
            name: "SpotCheckStore",
            dependencies: [
                "SpotCheckCore", "SpotCheckText", "SpotCheckSystem",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Application services: workspace, configuration, import, draw, call list, reports.
        .target(
            name: "SpotCheckKit",
            dependencies: [
                "SpotCheckCore", "SpotCheckText", "SpotCheckFormats", "SpotCheckStore", "SpotCheckSystem", "CArgon2",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            plugins: ["EmbedTemplatesPlugin"]
        ),
        // The browser workbench (`spotcheck serve`): pages over the same workflows as the CLI.
        .target(
            name: "SpotCheckWeb",
            dependencies: [
                "SpotCheckKit", "SpotCheckCore", "SpotCheckText", "SpotCheckStore", "SpotCheckFormats", "CArgon2",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["Assets"],
            plugins: ["EmbedTemplatesPlugin"]
        ),
        // The command-line tool.
        .executableTarget(
            name: "spotcheck",
            dependencies: [
                "SpotCheckKit", "SpotCheckCore", "SpotCheckText", "SpotCheckWeb", "CJemalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The seller centres' exports in their real shapes: the demo month's files and the tests' fixtures.
        .target(name: "PlatformExports", dependencies: ["SpotCheckCore", "SpotCheckFormats"]),
        // Writes the demo shop in Samples/ (deterministic).
        .executableTarget(
            name: "spotcheck-samples",
            dependencies: ["SpotCheckKit", "SpotCheckFormats", "SpotCheckCore", "PlatformExports"],
            path: "Sources/SampleGenerator"
        ),
        // Data generators for the benchmarks in Scripts/.
        .executableTarget(
            name: "spotcheck-bench", dependencies: ["SpotCheckCore", "SpotCheckSystem"], path: "Sources/Benchmark"),
        // Build tool: embeds Templates/ into the binary so it works from any directory.
        .executableTarget(name: "embed-templates", path: "Sources/EmbedTemplates"),
        .plugin(
            name: "EmbedTemplatesPlugin",
            capability: .buildTool(),
            dependencies: ["embed-templates"]
        ),
        .testTarget(name: "SpotCheckCoreTests", dependencies: ["SpotCheckCore"]),
        .testTarget(
            name: "SpotCheckFormatsTests",
            dependencies: [
                "SpotCheckFormats", "SpotCheckCore", "SpotCheckText",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "SpotCheckKitTests",
            dependencies: [
                "SpotCheckKit", "SpotCheckStore", "SpotCheckFormats", "SpotCheckCore", "SpotCheckText",
                "SpotCheckSystem",
                "PlatformExports",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The workbench's routes, through Hummingbird's test client.
        .testTarget(
            name: "SpotCheckWebTests",
            dependencies: [
                "SpotCheckWeb", "SpotCheckKit", "SpotCheckStore", "SpotCheckCore", "SpotCheckText", "PlatformExports",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Runs the built `spotcheck` as a user would.
        .testTarget(
            name: "SpotCheckCLITests",
            dependencies: ["spotcheck", "SpotCheckFormats", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
