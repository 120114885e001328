import Foundation
import SpotCheckCore
import SpotCheckText

extension ConfigSource {
    /// `people.json`: each person's name with their other spellings and sub-accounts
    /// (`{"李娜": ["lina", "店铺:李娜", "李娜-售后"]}`; a key starting with `_` is a comment).
    /// A value that is not a list of names, a blank name or alias, and a spelling two people claim
    /// are errors that name the file and the key.
    public func people() throws -> PersonAliases {
        let name = "people.json"
        let file = try decode(PeopleFile.self, from: name)
        let loc = location(name)
        if let bad = file.invalid.first {
            throw ConfigError(message: Catalog.Config.invalidValue(loc, bad, Catalog.People.notNames))
        }
        let people = file.people.map { (name: $0.key, aliases: $0.value) }
        if let problem = PersonAliases.problems(people).first {
            let (key, reason): (String, Message)
            switch problem {
            case .blankName:
                (key, reason) = (
                    file.people.first { $0.key.allSatisfy(\.isWhitespace) }?.key ?? "", Catalog.People.blankName
                )
            case .blankAlias(let person): (key, reason) = (person, Catalog.People.blankAlias)
            case .sharedSpelling(let spelling, let first, let second):
                (key, reason) = (second, Catalog.People.sharedSpelling(spelling, first: first))
            }
            throw ConfigError(message: Catalog.Config.invalidValue(loc, key, reason))
        }
        return PersonAliases(people)
    }
}

/// `people.json` as written: the people in the order of their names (JSON objects keep no order).
private struct PeopleFile: Decodable {
    var people: [(key: String, value: [String])] = []
    /// Keys whose value is not a list of names.
    var invalid: [String] = []

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        for key in c.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !key.stringValue.hasPrefix("_") {
            do {
                people.append((key.stringValue, try c.decode([String].self, forKey: key)))
            } catch DecodingError.typeMismatch, DecodingError.valueNotFound {
                invalid.append(key.stringValue)
            }
        }
    }
}
