import SpotCheckCore
import SpotCheckKit
import SpotCheckText

/// The rows of the caller's list (`caller.mustache` takes them whole; see ``HTML`` for why
/// they are written in code): per case its number and name linking to the case page, a
/// reserve tag, the phone as a `tel:` link with the contact route, the status with whether a
/// call now counts, and the valid attempts so far.
struct CallerListRows {
    let month: YearMonth
    let withinHours: Bool
    let lang: Lang

    func html(_ cases: [CallerCases.Case]) -> String {
        let label = HTML.labels(Catalog.Web.callerList, lang)
        let (item, customer, phone, status, tried) = (
            label("item"), label("customer"), label("phone"), label("status"), label("tried")
        )
        let reserveTag = " <span class=\"tag warn\">\(label("reserve"))</span>"
        let countsNowTag = " <span class=\"tag good\">\(label("countsNow"))</span>"
        let triedNowTag = " <span class=\"tag\">\(label("triedNow"))</span>"
        var h = HTML(capacity: cases.count * 900)
        for c in cases {
            let view = c.view
            let link = "<a href=\"/caller/case/\(view.item.itemNo)?month=\(month.description)\">"
            h.raw(view.status.isEnded ? "<tr class=\"ended\">\n" : "<tr>\n")
            h.raw("<td data-label=\"\(item)\">\(link)#\(view.item.itemNo)</a>")
            if view.item.isReserve { h.raw(reserveTag) }
            h.raw("</td>\n<td data-label=\"\(customer)\">\(link)")
            h.text(CallerPages.listName(view))
            h.raw("</a></td>\n<td data-label=\"\(phone)\">")
            phoneCell(view, into: &h)
            h.raw("</td>\n<td data-label=\"\(status)\">")
            h.text(Catalog.Calls.statusShort(view.status).text(lang))
            if c.order.countsNow { h.raw(countsNowTag) }
            if c.order.open && !c.order.countsNow && withinHours { h.raw(triedNowTag) }
            h.raw("</td>\n<td data-label=\"\(tried)\">")
            h.text(Catalog.Web.periodsTried(c.order.periodsTried, attempts: view.attempts.count).text(lang))
            h.raw("</td>\n</tr>\n")
        }
        return h.text
    }

    /// The phone, a `tel:` link unless masked, and the contact route.
    func phoneCell(_ view: CaseView, into h: inout HTML) {
        if let number = view.context.phone {
            if number.isMasked {
                h.text(number.dialText)
            } else {
                h.raw("<a href=\"tel:")
                h.text(CallerPages.telTarget(number))
                h.raw("\">")
                h.text(number.dialText)
                h.raw("</a>")
            }
        }
        h.raw(" <span class=\"muted\">")
        if view.context.route != .none { h.text(Catalog.Names.route(view.context.route).text(lang)) }
        h.raw("</span>")
    }
}
