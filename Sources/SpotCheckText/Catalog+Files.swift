extension Catalog {
    /// Reading input files.
    public enum File {
        public static func notFound(_ path: String) -> Message {
            Message("找不到文件：\(path)", "file not found: \(path)")
        }
        public static func unreadable(_ path: String, _ reason: String) -> Message {
            Message("无法读取文件 \(path)：\(reason)", "cannot read \(path): \(reason)")
        }
        public static let empty = Message("文件是空的", "the file is empty")
        public static let headerOnly = Message("文件只有表头，没有数据行", "the file has a header row but no data rows")
        public static func notXLSX(_ ext: String) -> Message {
            Message("文件扩展名是 .\(ext)，但内容不是 XLSX 工作簿（可能是改了扩展名的 CSV 或其他文件）。请在 Excel/WPS 中打开后另存为 .xlsx",
                    "the file is named .\(ext) but is not an XLSX workbook (perhaps a renamed CSV or another file); open it in Excel/WPS and save it as .xlsx")
        }
        public static let xlsxNamedCSV = Message("文件扩展名是 .csv，但内容是 XLSX 工作簿。请把扩展名改为 .xlsx，或在 Excel/WPS 中另存为 CSV",
                                                 "the file is named .csv but is an XLSX workbook; rename it to .xlsx or save it as CSV from Excel/WPS")
        public static let legacyXLS = Message("这是旧版 Excel 97-2003（.xls）文件或加密的工作簿，SpotCheck 不读取。请在 Excel/WPS 中取消密码并另存为 .xlsx",
                                              "this is an old Excel 97-2003 (.xls) file or an encrypted workbook, which SpotCheck does not read; remove the password and save it as .xlsx from Excel/WPS")
        public static func xlsxNamed(_ ext: String) -> Message {
            Message("文件扩展名是 .\(ext)，但内容是 XLSX 工作簿。请把扩展名改为 .xlsx", "the file is named .\(ext) but is an XLSX workbook; rename it to .xlsx")
        }
        public static let binaryNotCSV = Message("文件内容不是文本，不像 CSV", "the file is not text and does not look like a CSV")
        public static func unsupportedExtension(_ ext: String) -> Message {
            Message("不支持的文件类型 .\(ext)：请使用 .csv 或 .xlsx", "unsupported file type .\(ext): use .csv or .xlsx")
        }
        public static func unclosedQuote(startRow: Int) -> Message {
            Message("第 \(startRow) 行开始的引号没有闭合，文件可能被截断", "the quote opened on row \(startRow) is never closed; the file may be cut short")
        }
        public static func badEncoding(_ encoding: String, offset: Int) -> Message {
            Message("按 \(encoding) 编码无法读取（第 \(offset) 字节处）；请另存为 UTF-8 或 GBK 编码的 CSV",
                    "cannot be read as \(encoding) (at byte \(offset)); save the CSV as UTF-8 or GBK")
        }
        public static func sheetNotFound(_ name: String, available: [String]) -> Message {
            Message("工作簿中没有名为「\(name)」的工作表；现有工作表：\(available.joined(separator: "、"))",
                    "the workbook has no sheet named \"\(name)\"; its sheets are: \(available.joined(separator: ", "))")
        }
        public static func corruptXLSX(_ detail: String) -> Message {
            Message("XLSX 文件已损坏或格式不对：\(detail)", "the XLSX file is damaged or malformed: \(detail)")
        }
        public static let noSheets = Message("XLSX 文件已损坏或格式不对：工作簿中没有工作表", "the XLSX file is damaged or malformed: the workbook has no sheets")
        public static func cannotWrite(_ path: String, _ reason: String) -> Message {
            Message("无法写入 \(path)：\(reason)", "cannot write \(path): \(reason)")
        }
    }
}
