import Alerting
import Testing

struct AlertGroupStateTests {
    private func second(_ value: Int64) -> Int64 { value * 1_000_000_000 }

    @Test func durationsRunFromTheFirstNonOKLevel() {
        // SPEC-kapacitor.md §3.1: CRIT@0s d=0, WARN@2s d=2s, OK@4s d=4s, WARN@5s d=0, OK@8s d=3s.
        var state = AlertGroupState()
        let policy = AlertGroupState.Policy()
        let sequence: [(Int64, AlertLevel, Int64)] = [(0, .critical, 0), (2, .warning, 2), (4, .ok, 4), (5, .warning, 0), (8, .ok, 3)]
        for (time, level, duration) in sequence {
            let outcome = state.record(level, at: second(time), policy: policy)
            #expect(outcome.fires, "level \(level) at \(time)s")
            #expect(outcome.duration == second(duration), "duration at \(time)s")
        }
    }

    @Test func okAfterOKDoesNotFireButARecoveryDoes() {
        var state = AlertGroupState()
        let policy = AlertGroupState.Policy()
        #expect(!state.record(.ok, at: 0, policy: policy).fires)
        #expect(state.record(.warning, at: 1, policy: policy).fires)
        let recovery = state.record(.ok, at: 2, policy: policy)
        #expect(recovery.fires && recovery.previousLevel == .warning)
        #expect(!state.record(.ok, at: 3, policy: policy).fires)
    }

    @Test func stateChangesOnlyFiresOnChangesAndAfterItsInterval() {
        var state = AlertGroupState()
        var policy = AlertGroupState.Policy()
        policy.stateChangesOnly = true
        #expect(state.record(.critical, at: second(0), policy: policy).fires)
        #expect(!state.record(.critical, at: second(1), policy: policy).fires)
        #expect(state.record(.ok, at: second(2), policy: policy).fires)
        policy.stateChangesInterval = second(5)
        #expect(state.record(.critical, at: second(3), policy: policy).fires)
        #expect(!state.record(.critical, at: second(4), policy: policy).fires)
        #expect(state.record(.critical, at: second(8), policy: policy).fires)
    }

    @Test func noRecoveriesKeepsTheStateButSendsNoOK() {
        var state = AlertGroupState()
        var policy = AlertGroupState.Policy()
        policy.noRecoveries = true
        #expect(state.record(.critical, at: 0, policy: policy).fires)
        #expect(!state.record(.ok, at: 1, policy: policy).fires)
        #expect(state.currentLevel == .ok)
    }

    @Test func aSeededStateDoesNotRefireItsLevelWithStateChangesOnly() {
        let seed = EventState(level: .critical, message: "", details: "", time: second(10), duration: second(4))
        var state = AlertGroupState(seed: seed)
        var policy = AlertGroupState.Policy()
        policy.stateChangesOnly = true
        #expect(!state.record(.critical, at: second(11), policy: policy).fires)
        let recovery = state.record(.ok, at: second(12), policy: policy)
        #expect(recovery.fires && recovery.previousLevel == .critical)
        #expect(recovery.duration == second(6))
    }

    @Test func flappingSuppressesEventsWhileLevelsAlternate() {
        var state = AlertGroupState(historySize: 4)
        var policy = AlertGroupState.Policy()
        policy.flapping = (0.25, 0.5)
        var fired: [Bool] = []
        for step in 0..<8 { fired.append(state.record(step % 2 == 0 ? .critical : .ok, at: second(Int64(step)), policy: policy).fires) }
        #expect(fired == [true] + Array(repeating: false, count: 7))
        var steady: [Bool] = []
        for step in 8..<13 { steady.append(state.record(.critical, at: second(Int64(step)), policy: policy).fires) }
        #expect(steady.first == false, "still flapping right after the alternation")
        #expect(steady.last == true, "flapping ends once the level settles")
    }
}
