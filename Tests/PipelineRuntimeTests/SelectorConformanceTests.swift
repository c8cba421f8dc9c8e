import PipelineRuntime
import Testing
import TimeSeries

/// Kapacitor's TestStream_Selectors and TestStream_TopSelector (integrations/streamer_test.go): a selector keeps the
/// selected point's other fields and tags; top per game over each player's last score keeps the player tag.
@Suite(.enabled(if: StreamReplay.isAvailable, Comment(rawValue: StreamReplay.absence)))
struct SelectorConformanceTests {
    @Test func lastKeepsTheSelectedPointsOtherFieldsAndTags() async throws {
        let task = try await StreamReplay.run(
            "TestStream_Selectors",
            script: """
                stream
                    |from().measurement('cpu').where(lambda: "host" == 'serverA')
                    |window().period(10s).every(10s)
                    |last('value')
                    |httpOut('out')
                """, seconds: 15)
        let series = try #require(task.output("out")?.first)
        #expect(series.tags == ["host": "serverA", "type": "idle"])
        #expect(series.columns == ["time", "another", "last"])
        #expect(series.values.map(StreamReplay.numbers) == [[10, 5, 95.3]])
    }

    @Test func topFivePlayersPerGame() async throws {
        let task = try await StreamReplay.run(
            "TestStream_TopSelector",
            script: """
                stream
                    |from().measurement('scores').groupBy('game', 'player')
                    |window().period(2s).every(2s).align()
                    |last('value')
                    |groupBy('game')
                    |top(5, 'last', 'player')
                    |httpOut('top_scores')
                """, seconds: 10)
        let byGame = Dictionary(uniqueKeysWithValues: try #require(task.output("top_scores")).map { ($0.tags?["game"] ?? "", $0) })
        #expect(byGame["g0"]?.columns == ["time", "player", "top"])
        func rows(_ game: String) -> [String] {
            (byGame[game]?.values ?? []).map { row in
                let player = if case .string(let name) = row[1] { name } else { "?" }
                return "\(StreamReplay.numbers(row)[0]!) \(player) \(StreamReplay.numbers(row)[2]!)"
            }
        }
        #expect(rows("g0") == ["4.0 p7 978.0", "4.0 p10 957.0", "4.0 p9 878.0", "4.0 p5 877.0", "4.0 p15 791.0"])
        #expect(rows("g1") == ["4.0 p19 926.0", "4.0 p12 887.0", "4.0 p0 879.0", "4.0 p15 872.0", "4.0 p16 863.0"])
    }
}
