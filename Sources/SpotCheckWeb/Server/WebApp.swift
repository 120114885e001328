import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdTLS
import Logging
import NIOSSL
import SpotCheckCore
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

/// How the workbench is served.
public struct WebSettings: Sendable {
    public var host: String
    public var port: Int
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// A session unused this long (seconds) ends.
    public var idleTimeout: Double
    /// `--today`: the moment the server's clock starts from (it runs on from there, so a demo
    /// can be served on its month); nil: the wall clock. A day without a time stays that day.
    public var fixedStart: (moment: LocalDateTime, dayOnly: Bool)?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, tlsCertificate: String? = nil, tlsKey: String? = nil,
        idleTimeout: Double = 30 * 60, fixedStart: (moment: LocalDateTime, dayOnly: Bool)? = nil
    ) {
        self.host = host
        self.port = port
        self.tlsCertificate = tlsCertificate
        self.tlsKey = tlsKey
        self.idleTimeout = idleTimeout
        self.fixedStart = fixedStart
    }

    /// Serving on an address other machines reach.
    public var isBeyondThisMachine: Bool { !["127.0.0.1", "::1", "localhost"].contains(host) }
}

/// What every route shares: the workspace (database open, configuration read), the pages,
/// the settings and the clocks.
public struct WebApp: Sendable {
    public let shared: SharedWorkspace
    public let settings: WebSettings
    public let pages: Pages
    public let hasher: PasswordHasher
    /// Real seconds since 1970 (sessions and sign-in throttling); replaceable in tests.
    public let realClock: @Sendable () -> Double
    /// The wall clock in local time, when `settings.fixedStart` is nil.
    let wallClock: @Sendable () -> LocalDateTime
    let startedAt: Double

    public init(
        shared: SharedWorkspace, settings: WebSettings, hasher: PasswordHasher = .standard,
        realClock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        wallClock: @escaping @Sendable () -> LocalDateTime
    ) throws {
        self.shared = shared
        self.settings = settings
        self.pages = try Pages(lang: shared.lang)
        self.hasher = hasher
        self.realClock = realClock
        self.wallClock = wallClock
        self.startedAt = realClock()
    }

    /// A workspace for one request, at the server's now.
    public func workspace() -> Workspace {
        guard let fixed = settings.fixedStart else { return Workspace(shared: shared, now: wallClock()) }
        if fixed.dayOnly { return Workspace(shared: shared, now: fixed.moment, nowIsDayOnly: true) }
        let elapsed = Int64((realClock() - startedAt) * 1000)
        return Workspace(shared: shared, now: fixed.moment.adding(milliseconds: elapsed))
    }

    public func users() -> UserDirectory { UserDirectory(workspace: workspace(), hasher: hasher) }

    /// Records what a signed-in person did.
    public func log(
        _ action: AuditAction, _ context: WebContext, month: YearMonth? = nil, detail: String
    ) throws {
        try AuditLog(workspace: workspace()).record(
            action, by: context.identity?.name ?? "?", via: .web, month: month, detail: detail)
    }

    /// Serves until stopped (Ctrl+C, SIGTERM): routes, sessions in the database, the guard,
    /// TLS when a certificate and key are given.
    public func run(logger: Logger = Logger(label: "spotcheck.web")) async throws {
        let router = try router()
        let address = BindAddress.hostname(settings.host, port: settings.port)
        let configuration = ApplicationConfiguration(address: address, serverName: "SpotCheck")
        guard let cert = settings.tlsCertificate, let key = settings.tlsKey else {
            try await Application(router: router, configuration: configuration, logger: logger).runService()
            return
        }
        let tls: TLSConfiguration
        do {
            tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        } catch {
            throw AccountError(message: Catalog.Web.badTLS("\(error)"))
        }
        try await Application(
            router: router, server: try .tls(.http1(), tlsConfiguration: tls), configuration: configuration,
            logger: logger
        ).runService()
    }

    /// Every route of the workbench.
    public func router() throws -> Router<WebContext> {
        let driver = SQLiteSessionDriver(store: shared.store)
        try driver.sweep()
        let router = Router(context: WebContext.self)
        let cookie = SessionCookieParameters(
            name: "spotcheck_session", path: "/", secure: settings.tlsCertificate != nil, sameSite: .strict)
        router.add(
            middleware: SessionMiddleware(
                storage: driver,
                configuration: .init(
                    sessionCookieParameters: cookie, keyPrefix: "s.",
                    defaultSessionExpiration: .seconds(Int64(settings.idleTimeout)))))
        router.add(middleware: WebGuard(app: self))
        AssetRoutes.add(to: router)
        SignInRoutes(app: self, driver: driver).add(to: router)
        WebRoutes.addRolePages(to: router, app: self)
        return router
    }
}
