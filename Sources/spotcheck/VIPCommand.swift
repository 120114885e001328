import ArgumentParser
import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// `spotcheck vip`: the VIP list.
struct VIPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vip",
        abstract: "VIP 客户名单：由订单导出生成 (the VIP list, derived from the order exports).",
        subcommands: [VIPDeriveCommand.self])
}

/// `spotcheck vip derive`: the month's VIP list from the order lookup (seed 003).
struct VIPDeriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "按「购买过800元以上、近三个月以上未购买」生成本月 VIP 名单 (derive the month's VIP list from the imported orders).")

    @OptionGroup var global: GlobalOptions

    @Option(name: monthNames, help: monthHelp)
    var month: String?

    @Option(name: .long, help: "累计实付金额下限，含本数 (the smallest total paid that qualifies, included; default 800).")
    var minSpend = "800"

    @Option(name: .long, help: "至少多少个月未购买 (months without a purchase before the month's window opens; default 3).")
    var inactiveMonths = 3

    func run() throws {
        try guarded(global.lang) {
            guard let minimum = Money.fen(minSpend) else { throw UserError(Catalog.VIP.badMinimum(minSpend)) }
            guard (1...36).contains(inactiveMonths) else {
                throw UserError(Catalog.VIP.badInactiveMonths(inactiveMonths))
            }
            let ws = try global.workspace()
            let month = try resolveMonth(month, in: ws, Output(lang: global.lang))
            let rule = VIPDerivation(minimumFen: minimum, inactiveMonths: inactiveMonths)
            try VIPDeriveCommand.perform(
                VIPDeriveRequest(month: month, rule: rule), in: ws, output: Output(lang: global.lang))
        }
    }

    /// Derives and prints what happened (shared with the demo).
    static func perform(_ request: VIPDeriveRequest, in ws: Workspace, output out: Output) throws {
        let report = try VIPDeriver(workspace: ws).run(request)
        out.say(
            Catalog.VIP.derived(
                month: report.month.description, selected: report.selected, buyers: report.buyers,
                minimum: Money.yuanText(request.rule.minimumFen), months: request.rule.inactiveMonths,
                cutoff: report.cutoff.description))
        if report.replaced > 0 { out.note(Catalog.VIP.replaced(report.replaced)) }
        if report.selected == 0 { out.warn(Catalog.VIP.noneQualify) }
    }
}
