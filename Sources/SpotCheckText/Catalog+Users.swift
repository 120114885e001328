import SpotCheckCore

extension Catalog {
    /// The workbench's people (`spotcheck user …`) and signing in.
    public enum Users {
        public static func roleName(_ code: String) -> Message {
            switch code {
            case "lead": return Message("组长", "lead")
            case "caller": return Message("回访员", "caller")
            case "auditor": return Message("质检员", "auditor")
            case "manager": return Message("主管", "manager")
            default: return Message(code, code)
            }
        }
        public static func added(_ name: String, role: Message) -> Message {
            Message("已添加用户「\(name)」（\(role.zh)）", "added user \"\(name)\" (\(role.en))")
        }
        public static func disabled(_ name: String) -> Message {
            Message("已停用用户「\(name)」：此后不能再登录，正在使用的会话随即失效", "disabled \"\(name)\": no more sign-ins, open sessions end")
        }
        public static func exists(_ name: String) -> Message {
            Message("用户「\(name)」已存在", "a user \"\(name)\" already exists")
        }
        public static func unknown(_ name: String) -> Message {
            Message(
                "没有名为「\(name)」的用户（spotcheck user list 列出全部用户）",
                "no user \"\(name)\" (spotcheck user list shows them all)")
        }
        public static let emptyName = Message("用户名不能为空", "the user name is empty")
        public static func badName(_ name: String) -> Message {
            Message(
                "用户名「\(name)」含有空白或控制字符，请换一个", "the user name \"\(name)\" holds spaces or control characters")
        }
        public static func shortPassword(_ minimum: Int) -> Message {
            Message("密码至少要 \(minimum) 个字符", "the password needs at least \(minimum) characters")
        }
        public static let passwordsDiffer = Message("两次输入的密码不一致", "the two passwords differ")
        public static let noTerminal = Message(
            "无法从终端读取密码：请在终端中运行，或用 --password-stdin 从标准输入传入",
            "cannot read a password from a terminal: run it in one, or pass --password-stdin")
        public static let passwordPrompt = Message("密码：", "Password: ")
        public static let passwordAgain = Message("再输入一次：", "Again: ")
        public static func hashFailed(_ reason: String) -> Message {
            Message("无法计算密码哈希：\(reason)", "could not hash the password: \(reason)")
        }
        /// Wrong name or password; one message for both, so that names cannot be guessed.
        public static let wrongPassword = Message("用户名或密码不正确", "wrong user name or password")
        public static func slowedDown(seconds: Int) -> Message {
            Message(
                "登录失败次数过多，请 \(seconds) 秒后再试", "too many failed sign-ins: try again in \(seconds) seconds")
        }
        public static func assigned(caller: String, items: [Int]) -> Message {
            let list = items.map(String.init).joined(separator: ", ")
            return Message(
                "\(caller)：新分配 \(items.count) 个个案\(items.isEmpty ? "" : "（\(list)）")",
                "\(caller): \(items.count) cases assigned\(items.isEmpty ? "" : " (\(list))")")
        }
        public static let listHeader = Message("用户\t角色\t状态\t创建时间", "user\trole\tstate\tcreated")
        public static let active = Message("启用", "active")
        public static let inactive = Message("已停用", "disabled")
        public static let none = Message(
            "还没有用户：spotcheck user add 姓名 --role lead|caller|auditor|manager",
            "no users yet: spotcheck user add NAME --role lead|caller|auditor|manager")
    }

    /// The audit log (`spotcheck log`): who did what, and when.
    public enum AuditLog {
        public static func action(_ code: String) -> Message {
            switch code {
            case "import": return Message("导入", "import")
            case "draw": return Message("抽样", "draw")
            case "assign": return Message("分配", "assign")
            case "call": return Message("回访记录", "call")
            case "results": return Message("导入回访结果", "results import")
            case "score": return Message("质检评分", "score")
            case "submit": return Message("递交", "submit")
            case "download": return Message("下载", "download")
            case "user-add": return Message("添加用户", "add user")
            case "user-disable": return Message("停用用户", "disable user")
            case "sign-in": return Message("登录", "sign in")
            default: return Message(code, code)
            }
        }
        public static let header = Message("时间\t操作人\t途径\t操作\t月份\t内容", "when\twho\tvia\taction\tmonth\twhat")
        public static let empty = Message("日志为空", "the log is empty")
    }
}
