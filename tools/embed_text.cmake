# Writes the file IN as a C++ source OUT defining
# `std::string_view dd::compose::embedded_schema()`. Bytes are written as
# numbers, so any content embeds without escaping rules.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" len)
math(EXPR bytes "${len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
file(WRITE ${OUT}
  "// Generated from ${IN} by tools/embed_text.cmake. Do not edit.\n"
  "#include <string_view>\n\n"
  "namespace dd::compose {\n\n"
  "namespace {\nconst unsigned char kSchema[] = {\n${body}0};\n}  // namespace\n\n"
  "std::string_view embedded_schema() { return std::string_view(reinterpret_cast<const char*>(kSchema), ${bytes}); }\n\n"
  "}  // namespace dd::compose\n")
