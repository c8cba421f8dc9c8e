import InfluxQL
import PipelineSpec

/// A batch task's `query('…')` must be one InfluxQL SELECT, as Kapacitor checks when the task is defined (not when
/// the first query fails at run time).
enum BatchQueryCheck {
    static func validate(_ pipeline: Pipeline) throws(PipelineError) {
        for node in pipeline.nodes where node.definition.method == "query" {
            guard case .string(let query)? = node.arguments.first else { continue }
            let statements: [Statement]
            do {
                statements = try Parser.parse(query)
            } catch {
                throw PipelineError("query() is not valid InfluxQL: \(error.message)", at: node.position)
            }
            guard statements.count == 1 else {
                throw PipelineError("query() takes exactly one SELECT statement, got \(statements.count)", at: node.position)
            }
            guard case .select = statements[0] else {
                throw PipelineError("query() takes a SELECT statement, not another kind of statement", at: node.position)
            }
        }
    }
}
