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
            Message(
                "文件扩展名是 .\(ext)，但内容不是 XLSX 工作簿（可能是改了扩展名的 CSV 或其他文件）。请在 Excel/WPS 中打开后另存为 .xlsx",
                "the file is named .\(ext) but is not an XLSX workbook (perhaps a renamed CSV or another file); open it in Excel/WPS and save it as .xlsx"
            )
        }
        public static let xlsxNamedCSV = Message(
            "文件扩展名是 .csv，但内容是 XLSX 工作簿。请把扩展名改为 .xlsx，或在 Excel/WPS 中另存为 CSV",
            "the file is named .csv but is an XLSX workbook; rename it to .xlsx or save it as CSV from Excel/WPS")
        public static let legacyXLS = Message(
            "这是旧版 Excel 97-2003（.xls）文件或加密的工作簿，SpotCheck 不读取。请在 Excel/WPS 中取消密码并另存为 .xlsx",
            "this is an old Excel 97-2003 (.xls) file or an encrypted workbook, which SpotCheck does not read; remove the password and save it as .xlsx from Excel/WPS"
        )
        public static func xlsxNamed(_ ext: String) -> Message {
            Message(
                "文件扩展名是 .\(ext)，但内容是 XLSX 工作簿。请把扩展名改为 .xlsx",
                "the file is named .\(ext) but is an XLSX workbook; rename it to .xlsx")
        }
        public static let binaryNotCSV = Message("文件内容不是文本，不像 CSV", "the file is not text and does not look like a CSV")
        public static func unsupportedExtension(_ ext: String) -> Message {
            Message("不支持的文件类型 .\(ext)：请使用 .csv 或 .xlsx", "unsupported file type .\(ext): use .csv or .xlsx")
        }
        public static func unclosedQuote(startRow: Int) -> Message {
            Message(
                "第 \(startRow) 行开始的引号没有闭合，文件可能被截断",
                "the quote opened on row \(startRow) is never closed; the file may be cut short")
        }
        public static func badEncoding(_ encoding: String, offset: Int) -> Message {
            Message(
                "按 \(encoding) 编码无法读取（第 \(offset) 字节处）；请另存为 UTF-8 或 GBK 编码",
                "cannot be read as \(encoding) (at byte \(offset)); save the file as UTF-8 or GBK")
        }
        public static func sheetNotFound(_ name: String, available: [String]) -> Message {
            Message(
                "工作簿中没有名为「\(name)」的工作表；现有工作表：\(available.joined(separator: "、"))",
                "the workbook has no sheet named \"\(name)\"; its sheets are: \(available.joined(separator: ", "))")
        }
        public static func corruptXLSX(_ detail: String) -> Message {
            Message("XLSX 文件已损坏或格式不对：\(detail)", "the XLSX file is damaged or malformed: \(detail)")
        }
        /// A part of the package whose XML is cut short or malformed (expat's line and reason).
        public static func corruptPart(_ part: String, line: Int, reason: String) -> Message {
            Message(
                "XLSX 文件已损坏：\(part) 第 \(line) 行的 XML 有误（\(reason)），文件可能被截断或改坏",
                "the XLSX file is damaged: \(part), line \(line): \(reason); the file may be cut short or altered")
        }
        /// A part whose inflated bytes do not match the checksum the package records for it.
        public static func checksumMismatch(_ part: String) -> Message {
            Message(
                "XLSX 文件已损坏：\(part) 的校验和不符，文件可能被截断或改坏",
                "the XLSX file is damaged: the checksum of \(part) does not match; the file may be cut short or altered"
            )
        }
        /// A ZIP package whose directory cannot be read (often a file cut short in transfer).
        public static let truncatedZIP = Message(
            "XLSX 文件已损坏：无法读取 ZIP 目录，文件可能不完整（下载或复制时被截断）",
            "the XLSX file is damaged: its ZIP directory cannot be read; the file may be incomplete (cut short while downloading or copying)"
        )
        public static func partTooLarge(_ part: String, limitMiB: Int) -> Message {
            Message(
                "XLSX 文件中的 \(part) 解压后超过 \(limitMiB) MiB，SpotCheck 不读取这样的文件（可能是压缩炸弹）",
                "\(part) in the XLSX file inflates to more than \(limitMiB) MiB, which SpotCheck does not read (it may be a zip bomb)"
            )
        }
        public static func tooManySharedStrings(_ limit: Int) -> Message {
            Message(
                "XLSX 文件的共享字符串超过 \(limit) 个，SpotCheck 不读取这样的文件",
                "the XLSX file has more than \(limit) shared strings, which SpotCheck does not read")
        }
        public static func sharedStringTooLong(_ limit: Int) -> Message {
            Message(
                "XLSX 文件已损坏：一个共享字符串超过 \(limit) 个字符（Excel 单元格的上限）",
                "the XLSX file is damaged: a shared string is longer than \(limit) characters (Excel's limit for a cell)"
            )
        }
        public static func tokenTooLong(_ part: String, limitMiB: Int) -> Message {
            Message(
                "XLSX 文件已损坏：\(part) 中有一个超过 \(limitMiB) MiB 的 XML 标记",
                "the XLSX file is damaged: \(part) holds an XML token longer than \(limitMiB) MiB")
        }
        public static func doctypeRefused(_ part: String) -> Message {
            Message(
                "XLSX 文件已损坏：\(part) 含有 DTD（<!DOCTYPE>），Excel 的文件从不含 DTD，SpotCheck 不读取",
                "the XLSX file is damaged: \(part) holds a DTD (<!DOCTYPE>), which Excel files never have and SpotCheck does not read"
            )
        }
        public static func badCellReference(_ ref: String) -> Message {
            Message(
                "XLSX 文件已损坏：单元格引用「\(ref)」无法识别或超出 Excel 的范围（最多 XFD 列、1048576 行）",
                "the XLSX file is damaged: the cell reference \"\(ref)\" is unreadable or beyond Excel's range (column XFD, row 1048576 at most)"
            )
        }
        public static func rowOutOfRange(_ row: String) -> Message {
            Message(
                "XLSX 文件已损坏：行号 \(row) 无法识别或超出 Excel 的范围（1–1048576）",
                "the XLSX file is damaged: the row number \(row) is unreadable or beyond Excel's range (1–1048576)")
        }
        public static func rowOutOfOrder(_ row: Int, after previous: Int) -> Message {
            Message(
                "XLSX 文件已损坏：第 \(row) 行出现在第 \(previous) 行之后（行必须按顺序且不重复）",
                "the XLSX file is damaged: row \(row) comes after row \(previous) (rows must be in order, each once)")
        }
        public static func cellOutOfOrder(_ ref: String) -> Message {
            Message(
                "XLSX 文件已损坏：单元格 \(ref) 出现在同一行靠右的单元格之后或重复出现",
                "the XLSX file is damaged: cell \(ref) comes after a cell to its right in its row, or twice")
        }
        public static func rowTooLarge(limitMiB: Int) -> Message {
            Message(
                "XLSX 文件中这一行的文字超过 \(limitMiB) MiB，SpotCheck 不读取这样的文件（可能是压缩炸弹）",
                "this row of the XLSX file holds more than \(limitMiB) MiB of text, which SpotCheck does not read (it may be a zip bomb)"
            )
        }
        public static let tooManyColumns = Message(
            "XLSX 文件已损坏：一行的单元格超过 Excel 的 16384 列",
            "the XLSX file is damaged: a row has more cells than Excel's 16384 columns")
        public static func badSharedString(_ index: String, count: Int) -> Message {
            Message(
                "XLSX 文件已损坏：单元格引用的共享字符串编号 \(index) 不存在（文件共有 \(count) 个共享字符串）",
                "the XLSX file is damaged: the cell refers to shared string \(index), which does not exist (the file has \(count))"
            )
        }
        public static func cellTooLong(_ limit: Int) -> Message {
            Message(
                "单元格文字超过 \(limit) 个字符（Excel 的上限）", "the cell's text is longer than \(limit) characters (Excel's limit)")
        }
        public static let nulCharacter = Message(
            "单元格含有 NUL 字符（\\0），文件可能已损坏", "the cell contains a NUL character (\\0); the file may be damaged")
        public static let noSheets = Message(
            "XLSX 文件已损坏或格式不对：工作簿中没有工作表", "the XLSX file is damaged or malformed: the workbook has no sheets")
        public static func cannotWrite(_ path: String, _ reason: String) -> Message {
            Message("无法写入 \(path)：\(reason)", "cannot write \(path): \(reason)")
        }
    }
}
