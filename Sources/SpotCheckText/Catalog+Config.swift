import SpotCheckCore

extension Catalog {
    /// Configuration files and the workspace.
    public enum Config {
        public static func invalidJSON(_ file: String, _ detail: String) -> Message {
            Message("配置文件 \(file) 格式有误：\(detail)", "configuration file \(file) is not valid: \(detail)")
        }
        public static func missingTemplate(_ file: String) -> Message {
            Message(
                "找不到配置文件 \(file)（内置的默认配置中也没有）",
                "configuration file \(file) not found (not among the built-in defaults either)")
        }
        public static func invalidValue(_ file: String, _ key: String, _ detail: String) -> Message {
            Message(
                "配置文件 \(file) 中「\(key)」的值有误：\(detail)",
                "configuration file \(file): the value of \"\(key)\" is wrong: \(detail)")
        }
        public static func invalidValue(_ file: String, _ key: String, _ detail: Message) -> Message {
            Message(
                "配置文件 \(file) 中「\(key)」的值有误：\(detail.zh)",
                "configuration file \(file): the value of \"\(key)\" is wrong: \(detail.en)")
        }
        /// A name the file may not use, and the ones it may.
        public static func unknownName(_ allowed: [String]) -> Message {
            Message(
                "无法识别的名称；可用：\(allowed.joined(separator: "、"))",
                "not a known name; use \(allowed.joined(separator: ", "))")
        }
        public static func phraseTooShort(_ pattern: String) -> Message {
            Message("「\(pattern)」除 * 外至少要有两个字", "\"\(pattern)\" needs at least two characters besides *")
        }
        public static func scorecard(_ p: Scorecard.Problem) -> Message {
            switch p {
            case .weightsAddUpTo(let sum):
                return Message("各项权重之和是 \(sum)，应为 100", "the weights add up to \(sum), not 100")
            case .noPositiveScore(let item):
                return Message("评分项 \(item) 没有大于 0 的可选分值", "item \(item) allows no score above 0")
            case .repeatedID(let id):
                return Message("评分项编号 \(id) 重复", "item id \(id) is used twice")
            case .passMarkOutOfRange(let m):
                return Message("合格线 \(m) 不在 0–100 之间", "the pass mark \(m) is not within 0–100")
            }
        }
        public static func missingDirectory(_ dir: String) -> Message {
            Message("配置目录不存在：\(dir)", "configuration folder not found: \(dir)")
        }
        public static func noWorkspace(_ db: String) -> Message {
            Message(
                "数据库 \(db) 不存在。请先运行 `spotcheck init` 创建工作区，或用 --db 指定已有的数据库",
                "database \(db) does not exist; run `spotcheck init` first, or point --db at an existing database")
        }
        public static func storedValue(_ value: String) -> Message {
            Message(
                "数据库中有无法读取的值「\(value)」：数据库可能被其他程序改动或已损坏，请从备份恢复",
                "the database holds a value that does not read back (\"\(value)\"): it was changed by another program or damaged; restore a backup"
            )
        }
        public static func unusableDatabase(_ db: String, _ reason: String) -> Message {
            Message("无法使用数据库 \(db)：\(reason)", "cannot use database \(db): \(reason)")
        }
        public static func initialized(db: String, config: String) -> Message {
            Message(
                "已创建工作区：数据库 \(db)，可编辑的配置在 \(config)/",
                "workspace created: database \(db), editable configuration in \(config)/")
        }
        public static func alreadyInitialized(db: String) -> Message {
            Message("工作区已存在：\(db)（未作改动）", "the workspace already exists: \(db) (nothing changed)")
        }
        public static func configKept(_ dir: String) -> Message {
            Message(
                "配置目录 \(dir)/ 已存在，保留原有文件，只补充缺少的文件",
                "configuration folder \(dir)/ exists: kept its files, added the missing ones")
        }
        public static func badToday(_ value: String) -> Message {
            Message("无法识别的当前日期「\(value)」：请用 YYYY-MM-DD", "cannot read the date \"\(value)\": use YYYY-MM-DD")
        }
        public static func badMonth(_ value: String) -> Message {
            Message(
                "无法识别的月份「\(value)」：请用 YYYY-MM，例如 2026-11",
                "cannot read the month \"\(value)\": use YYYY-MM, e.g. 2026-11")
        }
        public static func calendarNotCovering(_ day: String) -> Message {
            Message(
                "节假日日历未包含 \(day) 所在年份，按周一至周五为工作日、周末为休息日处理；请在配置 calendar-cn.json 中补充该年",
                "the holiday calendar does not cover the year of \(day): Monday–Friday count as workdays and weekends as rest days; add the year to calendar-cn.json"
            )
        }
    }
}
