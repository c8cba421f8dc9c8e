import Testing
import TimeSeries

@testable import Storage

@Suite struct FieldColumnMergeTests {
    private func floats(_ times: [Int64], _ values: [Double]) -> FieldColumn {
        FieldColumn(type: .float, times: times, values: .floats(values))
    }

    @Test func columnsThatFollowOneAnotherAreJoined() {
        let merged = FieldColumn.merge([floats([1, 2], [1, 2]), floats([], []), floats([5, 9], [5, 9])], type: .float)
        #expect(merged == floats([1, 2, 5, 9], [1, 2, 5, 9]))
    }

    @Test func overlappingColumnsInterleaveAndTheLaterWinsATie() {
        let merged = FieldColumn.merge([floats([1, 4, 6], [1, 4, 6]), floats([2, 4, 7], [20, 40, 70])], type: .float)
        #expect(merged == floats([1, 2, 4, 6, 7], [1, 20, 40, 6, 70]))
    }

    @Test func columnsOutOfOrderAreSorted() {
        let merged = FieldColumn.merge(
            [
                FieldColumn(type: .integer, times: [5, 6], values: .integers([5, 6])),
                FieldColumn(type: .integer, times: [1], values: .integers([1])),
            ],
            type: .integer)
        #expect(merged == FieldColumn(type: .integer, times: [1, 5, 6], values: .integers([1, 5, 6])))
    }

    @Test func threeOverlappingColumnsGiveTheNewestValueAtEachTime() {
        let merged = FieldColumn.merge(
            [floats([1, 3, 5, 7], [1, 3, 5, 7]), floats([3, 4, 7], [30, 40, 70]), floats([0, 5, 7, 9], [0, 500, 700, 900])], type: .float)
        #expect(merged == floats([0, 1, 3, 4, 5, 7, 9], [0, 1, 30, 40, 500, 700, 900]))
    }
}
