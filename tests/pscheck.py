#!/usr/bin/env python3
"""Checks ucplan's PowerShell scripts without PowerShell (tests/scripts.sh).

  pscheck.py params SETS SCRIPT...
      every command the scripts call is a cmdlet of SETS (the documented
      parameter sets, tests/scripts/netsecurity.txt) or a function the
      script defines; each call's named parameters fit one parameter set
      with its mandatory parameters given; literal values of enumerations
      are accepted words.
  pscheck.py same BENIGN HOSTILE VALUE...
      the two scripts, made from plans that differ only in names, have the
      same code once strings and comments are set aside (a value that broke
      out of its quotes would add or change code), and each hostile VALUE
      is found whole inside one string of HOSTILE (nothing was lost or cut).

The tokenizer follows the PowerShell language specification for what
matters here: comments, verbatim strings (any of ' U+2018-U+201B as the
quote, doubled to escape), expandable strings (" U+201C-U+201E, backtick
escapes), variables, parameters, type literals and punctuation.
"""
import re
import sys

SQ = "'\u2018\u2019\u201a\u201b"
DQ = '"\u201c\u201d\u201e'
COMMON = {"Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction",
          "ErrorVariable", "WarningVariable", "InformationVariable", "OutVariable",
          "OutBuffer", "PipelineVariable"}


class Token:
    def __init__(self, kind, text, line):
        self.kind, self.text, self.line = kind, text, line

    def __repr__(self):
        return "%s:%r" % (self.kind, self.text)


def tokenize(src):
    """Returns the tokens of src; strings carry their decoded value."""
    toks, i, line, n = [], 0, 1, len(src)
    while i < n:
        c = src[i]
        if c == "\n":
            toks.append(Token("NL", "\n", line))
            line += 1
            i += 1
        elif c in " \t\r":
            i += 1
        elif src.startswith("<#", i):
            j = src.find("#>", i + 2)
            if j < 0:
                raise SyntaxError("line %d: block comment never closed" % line)
            line += src.count("\n", i, j)
            i = j + 2
        elif c == "#":
            j = src.find("\n", i)
            i = n if j < 0 else j
        elif c in SQ:
            j, val = i + 1, []
            while True:
                if j >= n:
                    raise SyntaxError("line %d: string never closed" % line)
                if src[j] in SQ:
                    if j + 1 < n and src[j + 1] in SQ:
                        val.append(src[j + 1])
                        j += 2
                        continue
                    break
                val.append(src[j])
                j += 1
            text = "".join(val)
            line += text.count("\n")
            toks.append(Token("STR", text, line))
            i = j + 1
        elif c in DQ:
            j, val = i + 1, []
            while True:
                if j >= n:
                    raise SyntaxError("line %d: string never closed" % line)
                if src[j] == "`" and j + 1 < n:
                    val.append(src[j + 1])
                    j += 2
                    continue
                if src[j] in DQ:
                    if j + 1 < n and src[j + 1] in DQ:
                        val.append(src[j + 1])
                        j += 2
                        continue
                    break
                val.append(src[j])
                j += 1
            toks.append(Token("XSTR", "".join(val), line))
            i = j + 1
        elif c == "$":
            m = re.compile(r"\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*(:[A-Za-z0-9_]+)?|_|\?|\$)").match(src, i)
            if not m:
                raise SyntaxError("line %d: bad variable" % line)
            toks.append(Token("VAR", m.group(0), line))
            i = m.end()
        elif c == "[" and re.compile(r"\[[A-Za-z]").match(src, i):
            depth, j = 0, i
            while j < n:
                if src[j] == "[":
                    depth += 1
                elif src[j] == "]":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            toks.append(Token("TYPE", src[i:j + 1], line))
            i = j + 1
        elif c == "-" and re.compile(r"-[A-Za-z]").match(src, i):
            m = re.compile(r"-([A-Za-z][A-Za-z0-9]*)(:)?").match(src, i)
            toks.append(Token("PARAM", m.group(1), line))
            i = m.end()
        elif src.startswith("@(", i) or src.startswith("@{", i):
            toks.append(Token("PUNCT", src[i:i + 2], line))
            i += 2
        elif c in "(){}|;,=+.":
            toks.append(Token("PUNCT", c, line))
            i += 1
        elif c == "`":
            raise SyntaxError("line %d: a backtick outside a string" % line)
        else:
            m = re.compile(r"[^\s(){}|;,='\"$`\u2018-\u201e]+").match(src, i)
            if not m:
                raise SyntaxError("line %d: unexpected %r" % (line, c))
            toks.append(Token("WORD", m.group(0), line))
            i = m.end()
    return toks


def load_sets(path):
    sets, values = {}, {}
    for raw in open(path, encoding="utf-8"):
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        if words[0] == "values":
            values[words[1]] = set(words[2:])
            continue
        cmdlet, name, params = words[0], words[1], words[2:]
        sets.setdefault(cmdlet, []).append(
            (name, {p.rstrip("!<") for p in params},
             {p.rstrip("!") for p in params if p.endswith("!")},
             {p.rstrip("<") for p in params if p.endswith("<")}))
    return sets, values


def functions_of(toks):
    """The functions a script defines and the parameters of their param()."""
    funcs = {}
    for k, t in enumerate(toks):
        if t.kind == "WORD" and t.text == "function" and k + 1 < len(toks):
            name, params, j = toks[k + 1].text, set(), k + 2
            while j < len(toks) and not (toks[j].kind == "WORD" and toks[j].text == "param"):
                j += 1
            depth = 0
            for u in toks[j + 1:]:
                if u.kind == "PUNCT" and u.text in ("(", "@("):
                    depth += 1
                elif u.kind == "PUNCT" and u.text == ")":
                    depth -= 1
                    if depth == 0:
                        break
                elif u.kind == "VAR" and depth == 1:
                    params.add(u.text[1:])
            funcs[name] = params
    return funcs


COMMAND = re.compile(r"^[A-Z][a-z]+-[A-Za-z]+$")
STARTS = {"(", "{", "|", ";", "=", "@("}


def calls_of(toks):
    """Each command call: (name, line, {param: value token or None},
    positional count, in a pipeline after |)."""
    calls = []
    for k, t in enumerate(toks):
        if t.kind != "WORD" or not COMMAND.match(t.text):
            continue
        prev = toks[k - 1] if k else None
        if prev is not None and not (prev.kind == "NL" or (prev.kind == "PUNCT" and prev.text in STARTS)):
            continue
        if prev is not None and prev.kind == "PUNCT" and prev.text == "=" and k >= 2 and toks[k - 2].kind == "PARAM":
            continue
        params, positional, depth, j = {}, 0, 0, k + 1
        while j < len(toks):
            u = toks[j]
            if depth == 0 and (u.kind == "NL" or (u.kind == "PUNCT" and u.text in ("|", ";", ")", "}"))):
                break
            if u.kind == "PUNCT" and u.text in ("(", "{", "@(", "@{"):
                if depth == 0 and (j == k + 1 or toks[j - 1].kind != "PARAM"):
                    positional += 1
                depth += 1
            elif u.kind == "PUNCT" and u.text in (")", "}"):
                depth -= 1
            elif depth == 0 and u.kind == "PARAM":
                nxt = toks[j + 1] if j + 1 < len(toks) else None
                takes = nxt is not None and nxt.kind in ("WORD", "STR", "XSTR", "VAR", "TYPE") or (
                    nxt is not None and nxt.kind == "PUNCT" and nxt.text in ("(", "@("))
                params[u.text] = nxt if takes and nxt.kind != "PUNCT" else None
                if takes and nxt.kind != "PUNCT":
                    j += 1
            elif depth == 0 and u.kind in ("WORD", "STR", "VAR", "XSTR"):
                positional += 1
            j += 1
        calls.append((t.text, t.line, params, positional,
                      prev is not None and prev.kind == "PUNCT" and prev.text == "|"))
    return calls


def check_params(sets, values, path):
    src = open(path, encoding="utf-8").read()
    toks = tokenize(src)
    funcs = functions_of(toks)
    errors, n = [], 0
    for name, line, params, positional, piped in calls_of(toks):
        n += 1
        where = "%s:%d: %s" % (path, line, name)
        for p, v in params.items():
            if p in values and v is not None and v.kind in ("WORD", "STR") and v.text not in values[p]:
                errors.append("%s: -%s %s is not one of %s" % (where, p, v.text, " ".join(sorted(values[p]))))
        if name in funcs:
            bad = set(params) - funcs[name] - COMMON
            if bad:
                errors.append("%s: the function has no parameter %s" % (where, ", ".join(sorted(bad))))
            continue
        if name not in sets:
            errors.append("%s: not a documented cmdlet of the list" % where)
            continue
        fits = []
        for set_name, allowed, mandatory, from_pipe in sets[name]:
            allowed = allowed | COMMON
            if set(params) - allowed:
                continue
            missing = mandatory - set(params)
            if missing and positional == 0:
                continue
            if from_pipe - set(params) and not piped and positional == 0:
                continue
            fits.append(set_name)
        if not fits:
            errors.append("%s: parameters %s fit none of its documented parameter sets"
                          % (where, " ".join("-" + p for p in sorted(params))))
    return n, errors


def code_shape(toks):
    return [(t.kind, "S" if t.kind in ("STR", "XSTR") else t.text) for t in toks]


def main(argv):
    if len(argv) >= 3 and argv[1] == "params":
        sets, values = load_sets(argv[2])
        total, failed = 0, 0
        for path in argv[3:]:
            n, errors = check_params(sets, values, path)
            total += n
            for e in errors:
                print("FAIL: " + e)
            failed += len(errors)
        if total == 0:
            print("FAIL: no command found")
            return 1
        print("pscheck: %d calls in %d scripts checked, %d problems" % (total, len(argv) - 3, failed))
        return 1 if failed else 0
    if len(argv) >= 4 and argv[1] == "same":
        a = tokenize(open(argv[2], encoding="utf-8").read())
        b = tokenize(open(argv[3], encoding="utf-8").read())
        ok = True
        if code_shape(a) != code_shape(b):
            for k, (x, y) in enumerate(zip(code_shape(a), code_shape(b))):
                if x != y:
                    print("FAIL: %s and %s differ in code at token %d: %r / %r (line %d)"
                          % (argv[2], argv[3], k, x, y, b[k].line))
                    break
            else:
                print("FAIL: %s and %s differ in length" % (argv[2], argv[3]))
            ok = False
        strings = [t.text for t in b if t.kind in ("STR", "XSTR")]
        for value in argv[4:]:
            if not any(value in s for s in strings):
                print("FAIL: %s: no string holds %r whole" % (argv[3], value))
                ok = False
        return 0 if ok else 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
