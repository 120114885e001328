import ArgumentParser
import Foundation
import SpotCheckKit
import SpotCheckStore
import SpotCheckText

#if canImport(Glibc)
import Glibc
#endif

/// `spotcheck user`: the people who sign in to the web workbench.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "管理工作台用户 (the web workbench's users).",
        subcommands: [Add.self, List.self, Disable.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "添加用户，密码在终端输入或由 --password-stdin 读入 (add a user; the password is asked for).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "用户名 (the user's name).") var name: String
        @Option(
            name: .long,
            help: "角色：lead 组长 | caller 回访员 | auditor 质检员 | manager 主管 (role).",
            completion: Choice<WebRole>.completion, transform: Choice<WebRole>.parse)
        var role: WebRole
        @Flag(name: .long, help: "从标准输入读一行作为密码 (read the password from standard input).")
        var passwordStdin = false

        func run() throws {
            try guarded(global.lang) {
                let ws = try global.workspace()
                let password = try passwordStdin ? PasswordInput.fromStdin() : PasswordInput.fromTerminal(global.lang)
                let user = try UserDirectory(workspace: ws).add(name: name, role: role, password: password)
                try AuditLog(workspace: ws).record(
                    .userAdd, by: GlobalOptions.userName, via: .cli, detail: "\(user.name) (\(role.rawValue))")
                Output(lang: global.lang).say(
                    Catalog.Users.added(user.name, role: Catalog.Users.roleName(role.rawValue)))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出用户 (list the users).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try guarded(global.lang) {
                let out = Output(lang: global.lang)
                let users = try UserDirectory(workspace: try global.workspace()).list()
                guard !users.isEmpty else { return out.say(Catalog.Users.none) }
                out.say(Catalog.Users.listHeader)
                for u in users {
                    let state = u.disabled ? Catalog.Users.inactive : Catalog.Users.active
                    out.say(
                        [
                            u.name, Catalog.Users.roleName(u.role.rawValue).text(global.lang), state.text(global.lang),
                            u.createdAt.minuteText,
                        ].joined(separator: "\t"))
                }
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "停用用户 (disable a user: no more sign-ins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "用户名 (the user's name).") var name: String

        func run() throws {
            try guarded(global.lang) {
                let ws = try global.workspace()
                try UserDirectory(workspace: ws).disable(name: name)
                try AuditLog(workspace: ws).record(.userDisable, by: GlobalOptions.userName, via: .cli, detail: name)
                Output(lang: global.lang).say(Catalog.Users.disabled(name))
            }
        }
    }
}

/// Reading a password without showing it.
enum PasswordInput {
    static func fromStdin() throws -> String {
        guard let line = readLine(strippingNewline: true) else {
            throw AccountError(message: Catalog.Users.shortPassword(8))
        }
        return line
    }

    /// Asks twice on the terminal with echo off.
    static func fromTerminal(_ lang: Lang) throws -> String {
        let fd = open("/dev/tty", O_RDWR)
        guard fd >= 0 else { throw AccountError(message: Catalog.Users.noTerminal) }
        defer { close(fd) }
        let first = try ask(Catalog.Users.passwordPrompt.text(lang), fd: fd)
        let second = try ask(Catalog.Users.passwordAgain.text(lang), fd: fd)
        guard first == second else { throw AccountError(message: Catalog.Users.passwordsDiffer) }
        return first
    }

    static func ask(_ prompt: String, fd: Int32) throws -> String {
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { throw AccountError(message: Catalog.Users.noTerminal) }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(fd, TCSAFLUSH, &silent)
        defer {
            tcsetattr(fd, TCSAFLUSH, &saved)
            _ = write(fd, "\n", 1)
        }
        var bytes: [UInt8] = []
        var c: UInt8 = 0
        while read(fd, &c, 1) == 1, c != 10, c != 13 { bytes.append(c) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
