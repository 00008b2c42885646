// HTML through libxml2's HTML parser (error-tolerant, full entity table): the visible text of the
// body, with block elements as paragraphs, and the <title>. Scripts, styles and other
// non-rendered elements are skipped.
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cctype>
#include <cstring>
#include <memory>
#include <mutex>

#include "coop/extract.h"

namespace coop {
namespace {

bool NameIs(const xmlNode* n, std::initializer_list<const char*> names) {
  const char* name = reinterpret_cast<const char*>(n->name);
  if (name == nullptr) return false;
  for (const char* candidate : names) {
    if (strcasecmp(name, candidate) == 0) return true;
  }
  return false;
}

// Elements that render no text (HTML Living Standard §15.3.1 "display: none" defaults, plus
// embedded content whose fallback text is not what readers see).
bool Hidden(const xmlNode* n) {
  return NameIs(n, {"script", "style", "noscript", "template", "head", "title", "iframe", "object",
                    "svg", "math", "canvas", "select", "button", "datalist"});
}

// Elements that start a new paragraph (block-level content in the default rendering).
bool Block(const xmlNode* n) {
  return NameIs(n,
                {"p",       "div",     "h1",         "h2",      "h3",       "h4",         "h5",
                 "h6",      "li",      "ul",         "ol",      "dl",       "dt",         "dd",
                 "table",   "tr",      "section",    "article", "header",   "footer",     "nav",
                 "aside",   "main",    "blockquote", "pre",     "figure",   "figcaption", "hr",
                 "address", "details", "summary",    "form",    "fieldset", "caption",    "body"});
}

// What text does with its whitespace: collapsed, or kept as written inside <pre> and <textarea>.
enum class Whitespace { kCollapse, kPreserve };

// Appends `s` with runs of HTML whitespace collapsed to one space, unless kPreserve.
void AppendCollapsed(std::string& out, const char* s, Whitespace whitespace) {
  const bool pre = whitespace == Whitespace::kPreserve;
  for (; *s; ++s) {
    const bool space = std::isspace(static_cast<unsigned char>(*s));
    if (pre || !space) {
      out.push_back(*s);
    } else if (!out.empty() && out.back() != ' ' && out.back() != '\n' && out.back() != '\t') {
      out.push_back(' ');
    }
  }
}

void Paragraph(std::string& out) {
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  if (out.empty()) return;
  if (out.back() != '\n') out.push_back('\n');
  if (out.size() < 2 || out[out.size() - 2] != '\n') out.push_back('\n');
}

void Walk(const xmlNode* node, std::string& out, Whitespace whitespace) {
  for (const xmlNode* n = node; n != nullptr; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) AppendCollapsed(out, reinterpret_cast<const char*>(n->content), whitespace);
      continue;
    }
    if (n->type != XML_ELEMENT_NODE || Hidden(n)) continue;
    if (NameIs(n, {"br"})) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out.push_back('\n');
      continue;
    }
    const bool block = Block(n);
    if (block) Paragraph(out);
    if (NameIs(n, {"td", "th"}) && !out.empty() && out.back() != '\n') out.push_back('\t');
    Walk(n->children, out, NameIs(n, {"pre", "textarea"}) ? Whitespace::kPreserve : whitespace);
    if (block) Paragraph(out);
  }
}

const xmlNode* FindElement(const xmlNode* node, const char* name) {
  for (const xmlNode* n = node; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (NameIs(n, {name})) return n;
    if (const xmlNode* found = FindElement(n->children, name)) return found;
  }
  return nullptr;
}

// The charset an HTML document declares in its first 4 KB: <meta charset=X> or
// <meta http-equiv="Content-Type" content="...; charset=X"> (HTML Living Standard §4.2.5.4).
std::string DeclaredCharset(std::string_view bytes) {
  std::string head(bytes.substr(0, 4096));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::size_t meta = head.find("<meta");
  if (meta == std::string::npos) return {};
  std::size_t at = head.find("charset=", meta);
  if (at == std::string::npos) return {};
  at += 8;
  while (at < head.size() && (head[at] == '"' || head[at] == '\'' || head[at] == ' ')) ++at;
  std::size_t end = at;
  while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) ||
                               head[end] == '-' || head[end] == '_')) {
    ++end;
  }
  return head.substr(at, end - at);
}

}  // namespace

Extracted ExtractHtml(std::string_view bytes) {
  Extracted out;
  const std::string utf8 = ToUtf8(bytes, DeclaredCharset(bytes), out.encoding);
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlReadMemory(
          utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8",
          HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET),
      &xmlFreeDoc);
  if (!doc) throw ExtractError("damaged HTML (libxml2 cannot parse it)");
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (const xmlNode* title = FindElement(root, "title")) {
    std::unique_ptr<xmlChar, decltype(xmlFree)> content(xmlNodeGetContent(title), xmlFree);
    if (content) {
      AppendCollapsed(out.title, reinterpret_cast<const char*>(content.get()),
                      Whitespace::kCollapse);
    }
    while (!out.title.empty() && out.title.back() == ' ') out.title.pop_back();
    if (!out.title.empty() && out.title.front() == ' ') out.title.erase(0, 1);
  }
  Walk(root, out.text, Whitespace::kCollapse);
  while (!out.text.empty() && std::isspace(static_cast<unsigned char>(out.text.back()))) {
    out.text.pop_back();
  }
  return out;
}

}  // namespace coop
