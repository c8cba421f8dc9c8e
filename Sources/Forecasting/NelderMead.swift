/// The Nelder-Mead simplex search for a minimum, as InfluxDB's `neldermead` package runs it (after Michael F. Hutt's
/// C version): the same start simplex, steps, tie-breaking and stopping rule, so the parameters found are the same.
/// The objective may rewrite the point it is given (Holt-Winters constrains its parameters in place), and the search
/// goes on from the rewritten point, as InfluxDB's does.
struct NelderMead {
    let epsilon: Double
    var maximumIterations = 1000
    private let reflection = 1.0
    private let contraction = 0.5
    private let expansion = 2.0

    init(epsilon: Double) {
        self.epsilon = epsilon
    }

    /// The least value found and the point it was found at (as it was before its last evaluation).
    func minimize(
        _ start: [Double], scale: Double = 1, check: () throws -> Void, _ objective: (inout [Double]) -> Double
    ) throws -> (Double, [Double]) {
        let n = start.count
        let count = Double(n)
        let pn = scale * ((Double(n + 1)).squareRoot() - 1 + count) / (count * (2.0).squareRoot())
        let qn = scale * ((Double(n + 1)).squareRoot() - 1) / (count * (2.0).squareRoot())
        var vertices = [start]
        for i in 1...n { vertices.append((0..<n).map { j in (i - 1 == j ? pn : qn) + start[j] }) }
        var values = vertices.indices.map { objective(&vertices[$0]) }
        for iteration in 1...maximumIterations {
            if iteration % 64 == 0 { try check() }
            step(&vertices, &values, objective)
            if hasConverged(values) { break }
        }
        let smallest = values.indices.reduce(0) { values[$1] < values[$0] ? $1 : $0 }
        let parameters = vertices[smallest]
        return (objective(&vertices[smallest]), parameters)
    }

    /// One reflection, with expansion, contraction or shrinking as the values call for.
    private func step(_ vertices: inout [[Double]], _ values: inout [Double], _ objective: (inout [Double]) -> Double) {
        let n = vertices.count - 1
        var (largest, smallest) = (0, 0)
        for i in 0...n {
            if values[i] > values[largest] { largest = i }
            if values[i] < values[smallest] { smallest = i }
        }
        var second = smallest
        for i in 0...n where values[i] > values[second] && values[i] < values[largest] { second = i }
        let centroid = (0..<n).map { i in
            var sum = 0.0
            for m in 0...n where m != largest { sum += vertices[m][i] }
            return sum / Double(n)
        }
        var reflected = (0..<n).map { i in centroid[i] + reflection * (centroid[i] - vertices[largest][i]) }
        let reflectedValue = objective(&reflected)
        if reflectedValue < values[second] && reflectedValue >= values[smallest] {
            (vertices[largest], values[largest]) = (reflected, reflectedValue)
        }
        if reflectedValue < values[smallest] {
            var expanded = (0..<n).map { i in centroid[i] + expansion * (reflected[i] - centroid[i]) }
            let expandedValue = objective(&expanded)
            if expandedValue < reflectedValue {
                (vertices[largest], values[largest]) = (expanded, expandedValue)
            } else {
                (vertices[largest], values[largest]) = (reflected, reflectedValue)
            }
        }
        guard reflectedValue >= values[second] else { return }
        // Outside the simplex when the reflection beat the worst vertex, inside it otherwise.
        let outside = reflectedValue < values[largest] && reflectedValue >= values[second]
        var contracted = (0..<n).map { i in
            outside
                ? centroid[i] + contraction * (reflected[i] - centroid[i])
                : centroid[i] - contraction * (centroid[i] - vertices[largest][i])
        }
        let contractedValue = objective(&contracted)
        if contractedValue < values[largest] {
            (vertices[largest], values[largest]) = (contracted, contractedValue)
            return
        }
        // The contraction failed: every vertex moves halfway to the best one.
        for row in 0...n where row != smallest {
            for i in 0..<n { vertices[row][i] = vertices[smallest][i] + (vertices[row][i] - vertices[smallest][i]) / 2.0 }
        }
        values[largest] = objective(&vertices[largest])
        values[second] = objective(&vertices[second])
    }

    /// Converged when the values' standard deviation is below epsilon.
    private func hasConverged(_ values: [Double]) -> Bool {
        let n = Double(values.count - 1)
        let mean = values.reduce(0, +) / Double(values.count)
        var sum = 0.0
        for value in values { sum += (value - mean) * (value - mean) / n }
        return sum.squareRoot() < epsilon
    }
}
