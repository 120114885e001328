import Testing

@testable import SpotCheckCore

@Suite("Who a name on a sheet is")
struct PersonAliasesTests {
    let people = PersonAliases([
        (name: "李娜", aliases: ["lina", "店铺:李娜", "李娜-售后"]), (name: " 刘洋 ", aliases: ["liuyang"]),
    ])

    @Test func everySpellingOfAListedPersonIsThatPerson() {
        let li = people.person("李娜")
        #expect(li.name == "李娜")
        for spelling in ["lina", "LiNa", "ｌｉｎａ", "店铺:李娜", "店铺：李娜", "店铺 : 李娜", "李娜-售后", " 李娜 "] {
            #expect(people.person(spelling) == li && people.person(spelling).name == "李娜", "\(spelling)")
        }
        #expect(people.person("LIUYANG").name == "刘洋" && people.person("LIUYANG") == people.person("刘洋"))
    }

    @Test func aNameNotListedIsAPersonOfItsOwnMatchedWhenItFoldsAlike() {
        #expect(people.person("王敏").name == "王敏" && people.person("王敏").key == "王敏")
        #expect(people.person(" 王 敏") == people.person("王敏") && people.person(" 王敏 ").name == "王敏")
        #expect(people.person("ZhangTing") == people.person("ｚｈａｎｇｔｉｎｇ"))
        #expect(people.person("李娜-售后2") != people.person("李娜"))
        #expect(PersonAliases.none.person("lina") != PersonAliases.none.person("李娜"))
        #expect(PersonAliases.none.person("Lina") == PersonAliases.none.person("lina"))
    }

    @Test func aSpellingTwoPeopleClaimAndBlankNamesAreProblems() {
        #expect(PersonAliases.problems([(name: "李娜", aliases: ["lina", "LINA"])]).isEmpty)
        #expect(
            PersonAliases.problems([(name: "李娜", aliases: ["lina"]), (name: "林娜", aliases: ["ＬＩＮＡ"])]) == [
                .sharedSpelling("ＬＩＮＡ", first: "李娜", second: "林娜")
            ])
        #expect(
            PersonAliases.problems([(name: "李娜", aliases: []), (name: "lina", aliases: ["李娜"])]) == [
                .sharedSpelling("李娜", first: "李娜", second: "lina")
            ])
        #expect(PersonAliases.problems([(name: " ", aliases: ["x"])]) == [.blankName])
        #expect(
            PersonAliases.problems([(name: "李娜", aliases: ["", "　"])]) == [
                .blankAlias(person: "李娜"), .blankAlias(person: "李娜"),
            ])
    }
}
