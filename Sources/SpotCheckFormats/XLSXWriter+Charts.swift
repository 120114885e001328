import CXlsxWriter

/// Line and scatter charts over a sheet's cells (libxlsxwriter's `chart_*`): the months over
/// time, and two measures of the same people side by side. Each chart reads ranges of cells, so
/// it shows what the table beside it holds.
extension XLSXSheet {
    /// One line of a line chart: its name and the column of the values.
    public struct ChartLine: Sendable {
        public var name: String
        public var col: Int
        /// The number format of labels at the points; nil for no labels.
        public var labels: String?
        /// A reference line (a target, a pass mark): dashed, red, without markers (grey would hide
        /// on a gridline).
        public var isReference: Bool

        public init(name: String, col: Int, labels: String? = nil, isReference: Bool = false) {
            self.name = name
            self.col = col
            self.labels = labels
            self.isReference = isReference
        }
    }

    /// Inserts a line chart of `source`'s `rows`: the categories (the months) from column
    /// `categories`, one line per `lines`. A blank cell is a gap in its line.
    public func lineChart(
        title: String, source: XLSXSheet, rows: ClosedRange<Int>, categories: Int, lines: [ChartLine],
        at: (row: Int, col: Int), size: (width: Int, height: Int) = (480, 288), valueRange: ClosedRange<Double>? = nil,
        valueFormat: String? = nil
    ) {
        let chart = writer.addChart(Int(LXW_CHART_LINE.rawValue))
        for line in lines {
            let series = chart_add_series(
                chart, XLSXSheet.chartRange(source.name, rows: rows, col: categories),
                XLSXSheet.chartRange(source.name, rows: rows, col: line.col))
            chart_series_set_name(series, line.name)
            if line.isReference {
                var style = lxw_chart_line()
                style.color = 0xC0504D
                style.dash_type = UInt8(LXW_CHART_LINE_DASH_DASH.rawValue)
                style.width = 1.25
                chart_series_set_line(series, &style)
                chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_NONE.rawValue))
            } else {
                chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_CIRCLE.rawValue))
                chart_series_set_marker_size(series, 6)
            }
            if let format = line.labels {
                chart_series_set_labels(series)
                chart_series_set_labels_position(series, UInt8(LXW_CHART_LABEL_POSITION_ABOVE.rawValue))
                chart_series_set_labels_num_format(series, format)
            }
        }
        chart_title_set_name(chart, title)
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        chart_show_blanks_as(chart, UInt8(LXW_CHART_BLANKS_AS_GAP.rawValue))
        XLSXSheet.setValueAxis(chart.pointee.y_axis, range: valueRange, format: valueFormat)
        insert(chart, at: at, size: size)
    }

    /// One axis of a scatter chart: the column of its values, its title, and its span.
    public struct ScatterAxis: Sendable {
        public var col: Int
        public var title: String
        public var range: ClosedRange<Double>?

        public init(col: Int, title: String, range: ClosedRange<Double>? = nil) {
            self.col = col
            self.title = title
            self.range = range
        }
    }

    /// Inserts a scatter chart of `source`'s `rows`: a point per row at (`x`, `y`), named and
    /// labelled by the row's cell in column `labels` (a person's name). Each point is a series of
    /// its own, whose name is that cell, so every spreadsheet program shows the name beside it.
    /// A row with a blank x or y has no point.
    public func scatterChart(
        title: String, source: XLSXSheet, rows: ClosedRange<Int>, x: ScatterAxis, y: ScatterAxis, labels: Int,
        at: (row: Int, col: Int), size: (width: Int, height: Int) = (560, 360)
    ) {
        let chart = writer.addChart(Int(LXW_CHART_SCATTER.rawValue))
        for row in rows {
            let series = chart_add_series(
                chart, XLSXSheet.chartRange(source.name, rows: row...row, col: x.col),
                XLSXSheet.chartRange(source.name, rows: row...row, col: y.col))
            chart_series_set_name(series, XLSXSheet.chartCell(source.name, row: row, col: labels))
            chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_CIRCLE.rawValue))
            chart_series_set_marker_size(series, 8)
            // The name alone (the position first: setting it turns the value on).
            chart_series_set_labels_position(series, UInt8(LXW_CHART_LABEL_POSITION_RIGHT.rawValue))
            chart_series_set_labels_options(series, 1, 0, 0)
        }
        chart_title_set_name(chart, title)
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        for (axis, spec) in [(chart.pointee.x_axis, x), (chart.pointee.y_axis, y)] {
            chart_axis_set_name(axis, spec.title)
            XLSXSheet.setValueAxis(axis, range: spec.range, format: nil)
        }
        insert(chart, at: at, size: size)
    }

    /// One cell of a sheet as a chart reads it: `='服务质量对照'!$A$5`.
    public static func chartCell(_ sheet: String, row: Int, col: Int) -> String {
        "='" + sheet.replacingOccurrences(of: "'", with: "''") + "'!$\(columnLetter(col))$\(row + 1)"
    }

    /// A range of a sheet's cells as a chart reads it: `='服务抽查汇总表'!$B$40:$B$42` (rows and
    /// columns from 0).
    public static func chartRange(_ sheet: String, rows: ClosedRange<Int>, col: Int) -> String {
        let quoted = "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
        let c = columnLetter(col)
        return "=\(quoted)!$\(c)$\(rows.lowerBound + 1):$\(c)$\(rows.upperBound + 1)"
    }

    /// Sets a value axis's span and number format.
    private static func setValueAxis(
        _ axis: UnsafeMutablePointer<lxw_chart_axis>?, range: ClosedRange<Double>?, format: String?
    ) {
        if let range {
            chart_axis_set_min(axis, range.lowerBound)
            chart_axis_set_max(axis, range.upperBound)
        }
        if let format { chart_axis_set_num_format(axis, format) }
    }

    /// Places a chart with its top-left corner in cell `at`, `size` pixels large.
    private func insert(
        _ chart: UnsafeMutablePointer<lxw_chart>, at: (row: Int, col: Int), size: (width: Int, height: Int)
    ) {
        var options = lxw_chart_options()
        options.x_scale = Double(size.width) / 480
        options.y_scale = Double(size.height) / 288
        worksheet_insert_chart_opt(ws, lxw_row_t(at.row), lxw_col_t(at.col), chart, &options)
    }
}
