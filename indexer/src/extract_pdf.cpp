// PDF text through poppler-cpp, page by page, and the mapping of passages onto pages.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

#include "coop/extract.h"

namespace coop {
namespace {

// poppler prints syntax warnings of damaged files to stderr; our error message says it better.
void Silence(const std::string&, void*) {}

std::string Utf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Page text as lines without trailing blanks; form feeds (page ends) become nothing.
std::string CleanPage(const std::string& raw) {
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c == '\f' || c == '\r') continue;
    if (c == '\n') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    }
    out.push_back(c);
  }
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  return out;
}

bool Blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

}  // namespace

Extracted ExtractPdf(std::string_view bytes) {
  // A complete PDF ends with "%%EOF" (PDF 1.7 §7.5.5); poppler would silently reconstruct a
  // truncated file and index part of it, so we refuse it instead.
  const std::size_t tail = bytes.size() > 1024 ? bytes.size() - 1024 : 0;
  if (bytes.substr(tail).find("%%EOF") == std::string_view::npos) {
    throw ExtractError("truncated PDF (no %%EOF marker at the end)");
  }
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function(&Silence, nullptr); });
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) throw ExtractError("damaged PDF (poppler cannot open it)");
  if (doc->is_locked()) throw ExtractError("encrypted PDF (password required)");

  Extracted out;
  out.title = Utf8(doc->get_title());
  if (Blank(out.title)) out.title.clear();
  const int pages = doc->pages();
  for (int i = 0; i < pages; ++i) {
    if (i > 0) out.text += "\n\n";  // a paragraph break: passages never merge across by text
    out.page_starts.push_back(out.text.size());
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    out.text +=
        CleanPage(Utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout)));
  }
  return out;
}

void AssignPages(std::vector<Record>& records, std::string_view text,
                 const std::vector<std::size_t>& page_starts) {
  if (page_starts.empty()) return;
  for (Record& r : records) {
    std::vector<Passage> out;
    bool split = false;
    for (const Passage& p : r.passages) {
      int page = PageAt(page_starts, p.begin);
      std::size_t begin = p.begin;
      auto emit = [&](std::size_t b, std::size_t e) {
        while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
        while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
        if (b == e) return;
        Passage q = p;
        if (b != p.begin || e != p.end) q.text = std::string(text.substr(b, e - b));
        q.begin = b;
        q.end = e;
        q.page = page;
        out.push_back(std::move(q));
      };
      // page_starts[page] is where page `page + 1` starts (pages are 1-based).
      while (static_cast<std::size_t>(page) < page_starts.size() &&
             page_starts[static_cast<std::size_t>(page)] < p.end) {
        const std::size_t cut = page_starts[static_cast<std::size_t>(page)];
        emit(begin, cut);
        begin = cut;
        ++page;
        split = true;
      }
      if (begin == p.begin) {
        out.push_back(p);
        out.back().page = page;
      } else {
        emit(begin, p.end);
      }
    }
    if (split) {
      for (std::size_t n = 0; n < out.size(); ++n) out[n].id = r.id + "-p" + std::to_string(n);
    }
    r.passages = std::move(out);
  }
}

}  // namespace coop
