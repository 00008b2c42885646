# Writes OUT, a C++ file defining `const std::string_view SYMBOL` with the bytes of IN.
# Bytes are written as hex escapes so that any content (quotes, raw-string delimiters, UTF-8) is safe.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR size "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${hex}")
# Break the literal into lines of 64 bytes to keep compilers and editors happy.
string(REGEX REPLACE "((\\\\x[0-9a-f][0-9a-f]){64})" "\\1\"\n\"" escaped "${escaped}")
file(WRITE "${OUT}" "// Generated from ${IN}; do not edit.\n#include <string_view>\nnamespace coop::embedded {\nextern const std::string_view ${SYMBOL};\nstatic const char k${SYMBOL}[] =\n\"${escaped}\";\nconst std::string_view ${SYMBOL}(k${SYMBOL}, ${size});\n}  // namespace coop::embedded\n")
