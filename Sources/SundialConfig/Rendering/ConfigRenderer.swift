/// Prints a configuration as TOML that `ConfigLoader` reads back, with every secret masked.
public enum ConfigRenderer {
    public static func render(_ configuration: SundialConfiguration) -> String {
        var blocks: [String] = []
        for binding in SundialConfiguration.sections {
            for index in 0..<binding.count(configuration) {
                let lines = binding.renderedLines(configuration, index)
                let header = binding.label.isEmpty ? [] : [binding.label]
                blocks.append((header + lines).joined(separator: "\n"))
            }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }
}
