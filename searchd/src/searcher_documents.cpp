// Searcher: a source document as a reader sees it, the pages of records, and what the index
// holds (the home page's figures).
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "coop/highlighter.h"
#include "coop/index_reader.h"
#include "coop/passage_value.h"
#include "coop/query_parser.h"
#include "coop/schema.h"
#include "coop/searcher.h"
#include "exec/index_revision.h"
#include "facet_fields.h"
#include "passages.h"

namespace coop {
namespace {

// `text` HTML-escaped with the spans in <mark>, its line breaks kept as "\n" (the view shows
// lines as the extraction gave them: lists and flattened table cells read better so), blank
// lines kept once.
std::string MarkedHtml(std::string_view text, const std::vector<MarkSpan>& spans) {
  std::string out;
  out.reserve(text.size() + text.size() / 8 + 13 * spans.size());
  const auto plain = [&](std::string_view part) {
    for (std::size_t line = 0; line <= part.size();) {
      const std::size_t nl = part.find('\n', line);
      const std::size_t end = nl == std::string_view::npos ? part.size() : nl;
      AppendEscapedHtml(out, part.substr(line, end - line));
      if (nl == std::string_view::npos) break;
      while (!out.empty() && out.back() == ' ') out.pop_back();  // no space before a break
      // At most one blank line in a row.
      if (!(out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')) {
        out.push_back('\n');
      }
      line = nl + 1;
    }
  };
  std::size_t cursor = 0;
  for (const MarkSpan& m : spans) {
    if (m.begin < cursor || m.end > text.size()) continue;
    plain(text.substr(cursor, m.begin - cursor));
    out += "<mark>";
    AppendEscapedHtml(out, text.substr(m.begin, m.end - m.begin));
    out += "</mark>";
    cursor = m.end;
  }
  plain(text.substr(cursor));
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  while (!out.empty() && (out.front() == '\n' || out.front() == ' ')) out.erase(0, 1);
  return out;
}

// The passage values of record `id`, in their order in the record.
std::vector<Xapian::Document> PassagesOf(const Xapian::Database& db, const std::string& id) {
  std::vector<std::pair<std::size_t, Xapian::Document>> found;
  for (const Xapian::docid passage : PassageDocids(db, id)) {
    Xapian::Document doc = db.get_document(passage, Xapian::DOC_ASSUME_VALID);
    PassageValue v;
    const std::string value = doc.get_value(schema::kSlotPassage);
    const std::size_t index = DecodePassageValue(value, v) ? v.index : found.size();
    found.emplace_back(index, std::move(doc));
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Xapian::Document> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

// Unix time of the newest file of the database `path` reads: its last commit, without naming
// the backend's files. 0 if it cannot be read.
double LastCommit(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = CurrentDatabaseDir(path);
  fs::file_time_type newest = fs::file_time_type::min();
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const fs::file_time_type t = e.last_write_time(ec);
    if (!ec && t > newest) newest = t;
  }
  if (newest == fs::file_time_type::min()) return 0;
  const auto system = std::chrono::file_clock::to_sys(newest);
  return std::chrono::duration<double>(system.time_since_epoch()).count();
}

}  // namespace

bool Searcher::HasSource(const std::string& source) {
  Refresh();
  const std::string term = schema::Term(schema::kSource, source);
  if (source.empty() || term.size() > kMaxTermBytes) return false;
  // Records have the docids below schema::kPassageDocidBase: the source's lowest docid says.
  const Xapian::PostingIterator first = db_.postlist_begin(term);
  return first != db_.postlist_end(term) && schema::IsRecordDocid(*first);
}

DocumentView Searcher::Document(const std::string& source, const DocumentOptions& options) {
  Refresh();
  HighlightSpec spec;
  if (!options.q.empty())
    spec = ParseQuery(analyzer_, options.q, {.fields = &FacetFields()}).highlight;
  if (!HasSource(source)) throw Xapian::DocNotFoundError("no source " + source.substr(0, 200));
  Xapian::Enquire enquire(db_);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(schema::Term(schema::kSource, source)),
                    Xapian::Query(schema::Term(schema::kDocType, schema::kDocTypeRecord))));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(schema::kSlotOrder, false);
  const Xapian::MSet records = enquire.get_mset(0, db_.get_doccount());
  DocumentView view;
  view.source = source;
  for (auto it = records.begin(); it != records.end(); ++it) {
    DocumentRecord r;
    r.record = DecodeRecord(it.get_document().get_data());
    for (const Xapian::Document& doc : PassagesOf(db_, r.record.id)) {
      PassageInfo p = ReadPassage(doc);
      DocumentPassage d;
      std::vector<MarkSpan> spans;
      if (!spec.empty()) {
        std::optional<std::vector<MarkSpan>> from_table =
            MatchSpansFromTable(p.text, p.table, spec);
        spans = from_table ? *std::move(from_table) : MatchSpans(analyzer_, p.text, spec);
      }
      d.html = MarkedHtml(p.text, spans);
      d.marks = spans.size();
      d.id = std::move(p.id);
      d.heading = std::move(p.heading);
      d.text = std::move(p.text);
      d.page = p.page;
      r.passages.push_back(std::move(d));
    }
    view.records.push_back(std::move(r));
  }
  return view;
}

std::vector<std::vector<int>> Searcher::RecordPages(const std::vector<std::string>& record_ids) {
  Refresh();
  std::vector<std::vector<int>> out;
  out.reserve(record_ids.size());
  for (const std::string& id : record_ids) {
    std::set<int> pages;
    const std::string term = schema::Term(schema::kRecord, id);
    for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
      const std::string value =
          db_.get_document(*it, Xapian::DOC_ASSUME_VALID).get_value(schema::kSlotPassage);
      PassageValue v;
      if (DecodePassageValue(value, v) && v.page > 0) pages.insert(v.page);
    }
    out.emplace_back(pages.begin(), pages.end());
  }
  return out;
}

IndexSummary Searcher::Stats(std::size_t largest) {
  Refresh();
  const exec::RecordTable& table = revision_->records();
  IndexSummary stats;
  stats.records = table.records();
  std::map<std::string, SourceBrief> sources;
  std::map<std::string, std::set<std::string>> countries;
  for (std::uint32_t r = 0; r < table.records(); ++r) {
    const StoredRecord& f = table.Fields(r);
    if (f.kind == "partnership") ++stats.partnerships;
    SourceBrief& s = sources[f.source];
    if (s.records++ == 0) {
      // The first record of a source in docid order is its first in the text (a source's
      // records are written together, in order); a document record carries the source's title.
      s.source = f.source;
      s.title = f.title;
      s.publisher = f.publisher;
      s.date = f.date;
    }
    countries[f.source].insert(f.countries.begin(), f.countries.end());
  }
  for (auto& [name, s] : sources) {
    s.countries.assign(countries[name].begin(), countries[name].end());
    stats.documents.push_back(std::move(s));
  }
  const auto values_of = [&](std::size_t f) {
    std::vector<StatsValue> values;
    for (std::uint32_t id = 0; id < table.ValueCount(f); ++id) {
      values.push_back({table.ValueName(f, id), table.RecordsWith(f, id)});
    }
    std::sort(values.begin(), values.end(), [](const StatsValue& a, const StatsValue& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    return values;
  };
  for (std::size_t f = 0; f < exec::RecordTable::kFacetCount; ++f) {
    const std::string_view name = schema::kFacets[f].name;
    if (name == "actor") stats.actors = table.ValueCount(f);
    if (name == "country") stats.countries = values_of(f);
    if (name == "year") {
      for (std::uint32_t id = 0; id < table.ValueCount(f); ++id) {
        const int year = std::atoi(table.ValueName(f, id).c_str());
        if (year <= 0 || table.RecordsWith(f, id) == 0) continue;
        if (stats.first_year == 0 || year < stats.first_year) stats.first_year = year;
        stats.last_year = std::max(stats.last_year, year);
      }
    }
    if (name == "city" || name == "region" || name == "domain" || name == "actor") {
      StatsFacet facet{std::string(name), table.ValueCount(f), values_of(f)};
      if (facet.largest.size() > largest) facet.largest.resize(largest);
      stats.facets.push_back(std::move(facet));
    }
  }
  stats.last_update = LastCommit(index_path_);
  return stats;
}

}  // namespace coop
