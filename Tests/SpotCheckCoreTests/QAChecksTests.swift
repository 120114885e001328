import Testing

@testable import SpotCheckCore

private let t0 = LocalDateTime(day: Day(year: 2026, month: 11, day: 3)!, hour: 10)!
private func at(_ seconds: Double) -> LocalDateTime { t0.adding(milliseconds: Int64((seconds * 1000).rounded())) }

/// A transcript from (speaker, start s, end s, text).
private func call(_ u: [(Speaker, Double, Double, String)]) -> Transcript {
    Transcript(
        channel: .call, agent: "王敏",
        utterances: u.enumerated().map { i, x in
            Utterance(seq: i, speaker: x.0, start: at(x.1), end: at(x.2), text: x.3)
        })
}
private func chat(_ u: [(Speaker, Double, String)]) -> Transcript {
    Transcript(
        channel: .chat, agent: "王敏",
        utterances: u.enumerated().map { i, x in
            Utterance(seq: i, speaker: x.0, start: at(x.1), end: nil, text: x.2)
        })
}

let qaRules = QARules(
    greetings: ["您好", "你好", "欢迎"], closings: ["感谢", "再见", "谢谢", "祝您"],
    prompts: ["您的电话已接通", "请讲"], apologies: ["听不到您的声音", "请您再拨"], waits: ["请稍等", "稍等"])
let checks = TranscriptChecks(
    rules: qaRules, phrases: PhraseMatcher(phrases: defaultPhrases, exceptions: defaultExceptions, folder: .plain),
    folder: .plain)

@Suite("The 3-second silent-line rule")
struct SilenceTests {
    func kinds(_ t: Transcript) -> [String] {
        checks.silence(t).map { "\($0.rule.rawValue) \($0.gapMs!) @\($0.utterance!)" }
    }

    @Test func exactlyThreeSecondsIsNotAViolationOneMillisecondMoreIs() {
        let ok = call([(.agent, 0, 2, "您好，这里是唯尚唯美客服"), (.customer, 5, 6, "你好"), (.agent, 9, 10, "请问有什么可以帮您")])
        #expect(kinds(ok).isEmpty)
        let late = call([(.agent, 0, 2, "您好，这里是唯尚唯美客服"), (.customer, 5.001, 6, "你好"), (.agent, 9.001, 10, "请问有什么可以帮您")])
        #expect(kinds(late) == ["silence-reprompt 3001 @0", "dead-air 3001 @1"])
    }

    @Test func theRepromptIsOwedThenTheApology() {
        // Silence after the greeting, the prompt repeated: compliant so far.
        let prompted = call([(.agent, 0, 2, "您好"), (.agent, 5.5, 7, "您好，您的电话已接通，请讲"), (.customer, 8, 9, "喂？")])
        #expect(kinds(prompted).isEmpty)
        // Silent again after the prompt, and the agent neither apologises nor ends the call.
        let noApology = call([(.agent, 0, 2, "您好"), (.agent, 5.5, 7, "您好，您的电话已接通，请讲"), (.agent, 12, 13, "喂喂？")])
        #expect(kinds(noApology) == ["silence-apology 5000 @1"])
        // Silent again, and the apology that ends the call: compliant.
        let apology = call([
            (.agent, 0, 2, "您好"), (.agent, 5.5, 7, "您好，您的电话已接通，请讲"),
            (.agent, 10.5, 12, "对不起，听不到您的声音，请您再拨一次好吗"),
        ])
        #expect(kinds(apology).isEmpty)
        // No prompt at all: the call just stays silent.
        let nothing = call([(.agent, 0, 2, "您好"), (.customer, 9, 10, "喂")])
        #expect(kinds(nothing) == ["silence-reprompt 7000 @0"])
    }

    @Test func aPromptGivenBeforeTheThresholdStillOwesTheApology() {
        // The agent prompts 1 s after the greeting, then the line stays silent: the apology is owed.
        let early = call([(.agent, 0, 2, "您好"), (.agent, 3, 5, "您好，您的电话已接通，请讲"), (.agent, 8.001, 9, "喂喂？")])
        #expect(kinds(early) == ["silence-apology 3001 @1"])
        // Exactly 3.000 s after the prompt is not a violation.
        let onTime = call([(.agent, 0, 2, "您好"), (.agent, 3, 5, "您好，您的电话已接通，请讲"), (.agent, 8, 9, "喂喂？")])
        #expect(kinds(onTime).isEmpty)
        // Silent till the end of the call after an early prompt: the end of the call closes the silence.
        let hungUp = call([(.agent, 0, 2, "您好"), (.agent, 2.5, 4, "您好，您的电话已接通，请讲"), (.system, 10, 10, "通话结束")])
        #expect(kinds(hungUp) == ["silence-apology 6000 @1"])
        // The apology after an early prompt: compliant.
        let apology = call([
            (.agent, 0, 2, "您好"), (.agent, 3, 5, "您好，您的电话已接通，请讲"),
            (.agent, 8.5, 10, "对不起，听不到您的声音，请您再拨一次好吗"),
        ])
        #expect(kinds(apology).isEmpty)
        // The customer answers the early prompt in time: compliant.
        let answered = call([(.agent, 0, 2, "您好"), (.agent, 3, 5, "您好，您的电话已接通，请讲"), (.customer, 7, 8, "喂，你好")])
        #expect(kinds(answered).isEmpty)
    }

    @Test func deadAirUnlessAWaitWasAnnounced() {
        let dead = call([(.agent, 0, 2, "您好"), (.customer, 2.5, 4, "我的快递到哪了"), (.agent, 12, 14, "已经在派送了")])
        #expect(kinds(dead) == ["dead-air 8000 @1"])
        let waited = call([
            (.agent, 0, 2, "您好"), (.customer, 2.5, 4, "我的快递到哪了"), (.agent, 4.5, 6, "麻烦您稍等，我查一下"),
            (.customer, 6.2, 7, "好的"), (.agent, 40, 42, "让您久等了，已经在派送了"),
            (.customer, 42.5, 44, "那什么时候到"), (.agent, 50, 51, "明天"),
        ])
        #expect(kinds(waited) == ["dead-air 6000 @5"])  // the wait ended when the agent spoke again
        // The agent talking on after its own words is not dead air.
        let monologue = call([
            (.agent, 0, 2, "您好"), (.customer, 2.5, 3, "嗯"), (.agent, 3.5, 5, "这边帮您看了"), (.agent, 20, 22, "已经发货了"),
        ])
        #expect(kinds(monologue).isEmpty)
    }

    @Test func theThresholdIsConfigurable() {
        var rules = qaRules
        rules.silenceMs = 5000
        let lenient = TranscriptChecks(rules: rules, phrases: checks.phrases, folder: .plain)
        let t = call([(.agent, 0, 2, "您好"), (.customer, 2.5, 4, "我的快递到哪了"), (.agent, 8.5, 10, "在派送了")])
        #expect(lenient.silence(t).isEmpty)
        #expect(checks.silence(t).map(\.gapMs) == [4500])
    }
}

@Suite("Chat response, greeting and closing")
struct ChatRulesTests {
    @Test func firstReplyWithinFifteenSeconds() {
        let ok = chat([(.customer, 0, "在吗"), (.system, 15, "您好，欢迎光临，客服马上为您服务"), (.agent, 40, "您好，请问有什么可以帮您")])
        #expect(checks.firstResponse(ok).isEmpty)  // the auto-reply counts, at 15.000 s exactly
        let late = chat([(.customer, 0, "在吗"), (.agent, 15.001, "您好")])
        #expect(checks.firstResponse(late).map(\.gapMs) == [15001])
        let never = chat([(.customer, 0, "在吗"), (.customer, 60, "有人吗")])
        #expect(checks.firstResponse(never).map(\.gapMs) == [nil])  // no reply at all: no delay to state
    }

    @Test func greetingAtTheStartClosingAtTheEnd() {
        let good = chat([(.customer, 0, "在吗"), (.agent, 3, "您好，请问有什么可以帮您"), (.agent, 60, "感谢您的支持，再见")])
        #expect(checks.wording(good).isEmpty)
        let bad = chat([(.customer, 0, "在吗"), (.agent, 3, "什么事"), (.agent, 60, "就这样吧")])
        #expect(checks.wording(bad).map(\.rule) == [.noGreeting, .noClosing])
    }

    @Test func bannedPhrasesInAgentUtterancesOnly() {
        let t = chat([(.customer, 0, "我也不清楚怎么弄"), (.agent, 3, "您好，这个我也没办法呢，再见")])
        let f = checks.bannedPhrases(t)
        #expect(f.map(\.matched) == ["没办法"])
        #expect(f.first?.utterance == 1)
        #expect(f.first?.span == 7..<10)  // the characters of the original utterance
        #expect(f.first?.excerpt == "您好，这个我也没办法呢，再见")
        #expect(f.first?.phrase?.category == "推诿")
    }

    @Test func excerptsCutLongTexts() {
        #expect(
            TranscriptChecks.excerpt("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸没办法子丑寅卯辰巳午未申酉戌亥", 20, 23)
                == "…甲乙丙丁戊己庚辛壬癸没办法子丑寅卯辰巳午未申酉…")
    }
}

@Suite("Audit sample and scorecard")
struct AuditTests {
    @Test func twentyPercentRoundedUpAtLeastOne() {
        #expect([1, 4, 5, 6, 10, 11, 0].map { AuditSampling.share(of: $0, rate: 0.2) } == [1, 1, 1, 2, 2, 3, 0])
        #expect(AuditSampling.share(of: 30, rate: 0.1) == 3)
    }

    @Test func perAgentSeededAndNeverTwice() {
        var ts: [(id: Int, agent: String, key: Int64)] = []
        for (agent, n) in [("王敏", 1), ("张婷", 4), ("刘洋", 5), ("陈静", 6)] {
            for k in 0..<n { ts.append((ts.count, agent, Int64(ts.count * 7919 % 97))) }
        }
        let a = AuditSampling.draw(transcripts: ts, sampled: [], rate: 0.2, seed: 7)
        #expect(a.mapValues(\.count) == ["王敏": 1, "张婷": 1, "刘洋": 1, "陈静": 2])
        #expect(a == AuditSampling.draw(transcripts: ts.reversed(), sampled: [], rate: 0.2, seed: 7))
        // Drawing again draws nothing: every agent has their share.
        let drawn = Set(a.values.flatMap { $0 })
        #expect(AuditSampling.draw(transcripts: ts, sampled: drawn, rate: 0.2, seed: 8).isEmpty)
        // Six more transcripts for 刘洋: his share is now 3; he gets 2 more, none already drawn.
        for k in 0..<6 { ts.append((100 + k, "刘洋", Int64(k))) }
        let more = AuditSampling.draw(transcripts: ts, sampled: drawn, rate: 0.2, seed: 8)
        #expect(more.mapValues(\.count) == ["刘洋": 2])
        #expect(Set(more["刘洋"]!).isDisjoint(with: drawn))
    }

    let card = Scorecard(
        items: [
            .init(id: "respond", name: "及时响应", category: "流程合规性", weight: 30, allowed: [0, 5, 10], critical: false),
            .init(id: "wording", name: "未使用服务忌语", category: "话术规范性", weight: 20, allowed: [0, 10], critical: true),
            .init(
                id: "solved", name: "问题解决", category: "问题解决", weight: 35, allowed: [0, 1, 2, 3, 4, 5], critical: false),
            .init(id: "attitude", name: "服务态度", category: "服务态度", weight: 15, allowed: [0, 5, 10], critical: false),
        ], passMark: 80)

    @Test func weightedTotalsAndPassMark() {
        #expect(card.problems().isEmpty)
        let full = card.score(["respond": 10, "wording": 10, "solved": 5, "attitude": 10])!
        #expect(full == .init(total: 100, passed: true, failedCritical: [], lostPoints: []))
        let partial = card.score(["respond": 5, "wording": 10, "solved": 4, "attitude": 10])!
        #expect(partial.total == 78 && !partial.passed && partial.lostPoints == ["respond", "solved"])
        #expect(
            card.score(["respond": 10, "wording": 10, "solved": 4, "attitude": 10])!
                == .init(total: 93, passed: true, failedCritical: [], lostPoints: ["solved"]))
    }

    @Test func aFailedCriticalItemFailsWhateverTheRest() {
        let r = card.score(["respond": 10, "wording": 0, "solved": 5, "attitude": 10])!
        #expect(r.total == 80)
        #expect(!r.passed)
        #expect(r.failedCritical == ["wording"])
    }

    @Test func scoresMustBeAllowedAndComplete() {
        #expect(card.score(["respond": 7, "wording": 10, "solved": 5, "attitude": 10]) == nil)
        #expect(card.score(["respond": 10, "wording": 10, "solved": 5]) == nil)
        #expect(
            Scorecard(
                items: [.init(id: "a", name: "a", category: "c", weight: 60, allowed: [0, 1], critical: false)],
                passMark: 80
            ).problems()
                == [.weightsAddUpTo(60)])
        let twice = Scorecard(
            items: [
                .init(id: "a", name: "a", category: "c", weight: 50, allowed: [0], critical: false),
                .init(id: "a", name: "b", category: "c", weight: 50, allowed: [0, 1], critical: false),
            ], passMark: 120)
        #expect(twice.problems() == [.noPositiveScore(item: "a"), .repeatedID("a"), .passMarkOutOfRange(120)])
    }
}
