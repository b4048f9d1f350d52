# Reads a C file and prints "FIRST LAST NAME" for each function defined at
# the top level: the lines its body spans, so that a failure reported at
# file:line can be attributed to the function that holds the line.
# A top-level brace block is a function when the text before it (since the
# last top-level ';' or '}') names something followed by '(' and has no '='.
# Comments, strings, character constants and preprocessor lines are skipped.
# mawk-compatible.

{
    line = $0
    # A preprocessor line (and its continuations): only its comments matter.
    pp = (!incomment && line ~ /^[ \t]*#/) || continued
    continued = pp && line ~ /\\$/
    i = 1; n = length(line)
    while (i <= n) {
        c = substr(line, i, 1); c2 = substr(line, i, 2)
        if (incomment) {
            if (c2 == "*/") { incomment = 0; i += 2 } else i++
            continue
        }
        if (c2 == "/*") { incomment = 1; i += 2; continue }
        if (c2 == "//") break
        if (c == "\"" || c == "'") {
            q = c; i++
            while (i <= n) { c = substr(line, i, 1); if (c == "\\") { i += 2; continue } i++; if (c == q) break }
            continue
        }
        if (pp) { i++; continue }
        if (c == "{") {
            if (depth == 0) {
                name = ""
                if (header !~ /=/ && match(header, /[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/)) {
                    name = substr(header, RSTART, RLENGTH); sub(/[ \t]*\($/, "", name)
                }
                first = NR
            }
            depth++
        } else if (c == "}") {
            depth--
            if (depth == 0) { if (name != "") print first, NR, name; header = ""; i++; continue }
        } else if (c == ";" && depth == 0) { header = ""; i++; continue }
        if (depth == 0) header = header c
        i++
    }
    if (depth == 0 && !pp) header = header " "
}
