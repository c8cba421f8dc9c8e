/// Shell-style `*`, `?` and `[…]` matching (Go's `filepath.Match`, which Kapacitor's `pattern` uses).
///
/// The pattern is read once into elements, then matched without recursion: a `*` remembers where it stood and the
/// match retries from there one character later, so any id and pattern cost at most their lengths multiplied.
enum GlobPattern {
    private enum Element {
        case star
        case anyCharacter
        case character(Character)
        /// `[…]`: characters and ranges (`a-z`); a range written backwards (`[z-a]`) matches nothing.
        case set(negated: Bool, members: [ClosedRange<Character>])

        func matches(_ character: Character) -> Bool {
            switch self {
            case .star, .anyCharacter: true
            case .character(let expected): character == expected
            case .set(let negated, let members): members.contains { $0.contains(character) } != negated
            }
        }
    }

    static func matches(_ text: String, pattern: String) -> Bool {
        matches(Array(text), elements(Array(pattern)))
    }

    private static func matches(_ text: [Character], _ pattern: [Element]) -> Bool {
        var t = 0
        var p = 0
        var lastStar: (pattern: Int, text: Int)?
        while t < text.count {
            if p < pattern.count, case .star = pattern[p] {
                lastStar = (p, t)
                p += 1
            } else if p < pattern.count, pattern[p].matches(text[t]) {
                t += 1
                p += 1
            } else if let star = lastStar {
                lastStar = (star.pattern, star.text + 1)
                p = star.pattern + 1
                t = star.text + 1
            } else {
                return false
            }
        }
        while p < pattern.count, case .star = pattern[p] { p += 1 }
        return p == pattern.count
    }

    private static func elements(_ pattern: [Character]) -> [Element] {
        var elements: [Element] = []
        var index = 0
        while index < pattern.count {
            switch pattern[index] {
            case "*": elements.append(.star)
            case "?": elements.append(.anyCharacter)
            case "\\" where index + 1 < pattern.count:
                index += 1
                elements.append(.character(pattern[index]))
            case "[":
                guard let close = pattern[(index + 1)...].firstIndex(of: "]") else {
                    elements.append(.character("["))
                    break
                }
                elements.append(set(Array(pattern[(index + 1)..<close])))
                index = close
            case let character: elements.append(.character(character))
            }
            index += 1
        }
        return elements
    }

    private static func set(_ body: [Character]) -> Element {
        var body = body[...]
        let negated = body.first == "^" || body.first == "!"
        if negated { body = body.dropFirst() }
        var members: [ClosedRange<Character>] = []
        var index = body.startIndex
        while index < body.endIndex {
            if index + 2 < body.endIndex, body[index + 1] == "-" {
                if body[index] <= body[index + 2] { members.append(body[index]...body[index + 2]) }
                index += 3
            } else {
                members.append(body[index]...body[index])
                index += 1
            }
        }
        return .set(negated: negated, members: members)
    }
}
