#include "coop/gazetteer.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "coop/segmenter.h"

namespace coop {
namespace embedded {
extern const std::string_view kGazetteerCsv;
extern const std::string_view kActorsCsv;
extern const std::string_view kActorTypesCsv;
extern const std::string_view kDomainsCsv;
}  // namespace embedded

namespace {

[[noreturn]] void Fail(std::string_view name, std::size_t line, const std::string& what) {
  throw std::runtime_error(std::string(name) + ":" + std::to_string(line) + ": " + what);
}

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Splits a multi-valued field on '|', trimming each value and dropping empty ones.
std::vector<std::string> SplitList(const std::string& field) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= field.size()) {
    std::size_t bar = field.find('|', start);
    if (bar == std::string::npos) bar = field.size();
    std::string v = Trim(std::string_view(field).substr(start, bar - start));
    if (!v.empty()) out.push_back(std::move(v));
    start = bar + 1;
  }
  return out;
}

// Column access by header name, so that files may reorder or add columns.
class Columns {
 public:
  Columns(const CsvTable& t, std::string_view name, std::vector<std::string> required) : table_(t) {
    for (const std::string& col : required) {
      auto it = std::find(t.header.begin(), t.header.end(), col);
      if (it == t.header.end()) Fail(name, 1, "missing column '" + col + "'");
      index_[col] = static_cast<std::size_t>(it - t.header.begin());
    }
  }
  std::string Get(std::size_t row, const std::string& col) const {
    return Trim(table_.rows[row][index_.at(col)]);
  }

 private:
  const CsvTable& table_;
  std::map<std::string, std::size_t> index_;
};

bool IsRegionType(const std::string& t) { return t == "région" || t == "communauté autonome"; }
bool IsParentType(const std::string& t) {
  return t == "province" || t == "préfecture" || t == "département";
}

}  // namespace

CsvTable ParseCsv(std::string_view text, std::string_view name) {
  CsvTable table;
  std::vector<std::string> row;
  std::string field;
  std::size_t line = 1, row_line = 1;
  bool at_record_start = true;
  const auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    const bool blank = row.size() == 1 && Trim(row[0]).empty();
    if (!blank) {
      if (table.header.empty()) {
        table.header = std::move(row);
        for (auto& h : table.header) h = Trim(h);
      } else if (row.size() != table.header.size()) {
        Fail(name, row_line,
             "expected " + std::to_string(table.header.size()) + " fields, found " +
                 std::to_string(row.size()));
      } else {
        table.rows.push_back(std::move(row));
        table.lines.push_back(row_line);
      }
    }
    row.clear();
    at_record_start = true;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (at_record_start) {
      row_line = line;
      at_record_start = false;
      if (c == '#') {  // comment line
        const std::size_t nl = text.find('\n', i);
        i = nl == std::string_view::npos ? text.size() : nl + 1;
        ++line;
        at_record_start = true;
        continue;
      }
    }
    if (c == '"' && field.empty()) {  // quoted field
      ++i;
      for (;;) {
        if (i >= text.size()) Fail(name, row_line, "unterminated quoted field");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field.push_back(text[i++]);
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        Fail(name, line, "text after a closing quote");
      }
      continue;
    }
    if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      end_row();
      ++line;
    } else if (c != '\r') {
      field.push_back(c);
    }
    ++i;
  }
  if (!at_record_start || !field.empty() || !row.empty()) end_row();
  if (table.header.empty()) Fail(name, 1, "no header row");
  return table;
}

std::vector<ActorType> ParseActorTypes(std::string_view csv) {
  static constexpr std::string_view kName = "actor_types.csv";
  const CsvTable t = ParseCsv(csv, kName);
  const Columns tc(t, kName, {"type", "prefixes", "also", "territorial", "source"});
  std::vector<ActorType> out;
  std::map<std::string, std::string> owner;  // folded prefix -> type
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    ActorType x{tc.Get(r, "type"), SplitList(tc.Get(r, "prefixes")), SplitList(tc.Get(r, "also")),
                false, tc.Get(r, "source")};
    const std::string territorial = tc.Get(r, "territorial");
    if (territorial != "yes" && territorial != "no") {
      Fail(kName, t.lines[r], "territorial must be yes/no");
    }
    x.territorial = territorial == "yes";
    if (x.type.empty() || x.prefixes.empty() || x.source.empty()) {
      Fail(kName, t.lines[r], "type, prefixes and source are required");
    }
    for (const std::string& p : x.prefixes) {
      auto [it, fresh] = owner.emplace(seg::Fold(p), x.type);
      if (!fresh) Fail(kName, t.lines[r], "prefix '" + p + "' already announces " + it->second);
    }
    out.push_back(std::move(x));
  }
  return out;
}

const std::vector<ActorType>& EmbeddedActorTypes() {
  static const std::vector<ActorType> types = ParseActorTypes(embedded::kActorTypesCsv);
  return types;
}

ReferenceData::ReferenceData(std::string_view gazetteer_csv, std::string_view actors_csv,
                             std::string_view actor_types_csv, std::string_view domains_csv) {
  const CsvTable g = ParseCsv(gazetteer_csv, "gazetteer.csv");
  const Columns gc(g, "gazetteer.csv",
                   {"id", "name", "type", "country", "parent", "region_old", "region_new",
                    "variants", "match", "source"});
  std::set<std::string> ids;
  for (std::size_t r = 0; r < g.rows.size(); ++r) {
    Place p;
    p.id = gc.Get(r, "id");
    p.name = gc.Get(r, "name");
    p.type = gc.Get(r, "type");
    p.country = gc.Get(r, "country");
    p.parent = gc.Get(r, "parent");
    p.regions_old = SplitList(gc.Get(r, "region_old"));
    p.regions_new = SplitList(gc.Get(r, "region_new"));
    p.variants = SplitList(gc.Get(r, "variants"));
    const std::string match = gc.Get(r, "match");
    if (match != "yes" && match != "no") Fail("gazetteer.csv", g.lines[r], "match must be yes/no");
    p.match = match == "yes";
    p.source = gc.Get(r, "source");
    if (p.id.empty() || p.name.empty() || p.type.empty() || p.country.empty() || p.source.empty()) {
      Fail("gazetteer.csv", g.lines[r], "id, name, type, country and source are required");
    }
    if (!ids.insert(p.id).second) Fail("gazetteer.csv", g.lines[r], "duplicate id " + p.id);
    places_.push_back(std::move(p));
  }
  ResolveRegions();

  for (const ActorType& t : ParseActorTypes(actor_types_csv)) {
    if (!t.territorial) continue;
    std::vector<std::string>& prefixes = prefixes_[t.type];
    prefixes = t.prefixes;
    prefixes.insert(prefixes.end(), t.also.begin(), t.also.end());
  }

  const CsvTable a = ParseCsv(actors_csv, "actors.csv");
  const Columns ac(a, "actors.csv",
                   {"id", "name", "type", "country", "place", "aliases", "source"});
  ids.clear();
  for (std::size_t r = 0; r < a.rows.size(); ++r) {
    Actor x{ac.Get(r, "id"),      ac.Get(r, "name"),  ac.Get(r, "type"),
            ac.Get(r, "country"), ac.Get(r, "place"), SplitList(ac.Get(r, "aliases")),
            ac.Get(r, "source")};
    if (x.id.empty() || x.name.empty() || x.type.empty() || x.source.empty()) {
      Fail("actors.csv", a.lines[r], "id, name, type and source are required");
    }
    if (!ids.insert(x.id).second) Fail("actors.csv", a.lines[r], "duplicate id " + x.id);
    if (!x.place.empty() && !FindPlace(x.place)) {
      Fail("actors.csv", a.lines[r], "unknown place id " + x.place);
    }
    actors_.push_back(std::move(x));
  }

  const CsvTable d = ParseCsv(domains_csv, "domains.csv");
  const Columns dc(d, "domains.csv", {"label", "broader", "phrases", "list_phrases", "source"});
  for (std::size_t r = 0; r < d.rows.size(); ++r) {
    Domain x{dc.Get(r, "label"), dc.Get(r, "broader"), SplitList(dc.Get(r, "phrases")),
             SplitList(dc.Get(r, "list_phrases")), dc.Get(r, "source")};
    if (x.label.empty() || x.source.empty() || x.phrases.empty()) {
      Fail("domains.csv", d.lines[r], "label, phrases and source are required");
    }
    domains_.push_back(std::move(x));
  }
}

// Checks parent and region references and copies regions down from parents.
void ReferenceData::ResolveRegions() {
  const auto find_named = [&](const Place& from, const std::string& name, bool region) {
    for (const Place& p : places_) {
      if (p.name == name && p.country == from.country &&
          (region ? IsRegionType(p.type) : IsParentType(p.type))) {
        return &p;
      }
    }
    throw std::runtime_error("gazetteer.csv: " + from.id + ": unknown " +
                             (region ? "region '" : "parent '") + name + "'");
  };
  for (Place& p : places_) {
    for (const auto* list : {&p.regions_old, &p.regions_new}) {
      for (const std::string& r : *list) find_named(p, r, true);
    }
  }
  // Parents are provinces/départements whose regions are given directly; one level suffices.
  for (Place& p : places_) {
    if (p.parent.empty()) continue;
    const Place* parent = find_named(p, p.parent, false);
    if (p.regions_old.empty()) p.regions_old = parent->regions_old;
    if (p.regions_new.empty()) p.regions_new = parent->regions_new;
  }
  for (const Place& p : places_) {
    if (p.regions_old.empty() || p.regions_new.empty()) {
      throw std::runtime_error("gazetteer.csv: " + p.id + ": no regions (give them or a parent)");
    }
  }
}

const ReferenceData& ReferenceData::Embedded() {
  static const ReferenceData data(embedded::kGazetteerCsv, embedded::kActorsCsv,
                                  embedded::kActorTypesCsv, embedded::kDomainsCsv);
  return data;
}

const Place* ReferenceData::FindPlace(std::string_view id) const {
  for (const Place& p : places_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const Actor* ReferenceData::FindActor(std::string_view id) const {
  for (const Actor& a : actors_) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

const std::vector<std::string>& ReferenceData::PrefixesOf(const std::string& actor_type) const {
  static const std::vector<std::string> kNone;
  auto it = prefixes_.find(actor_type);
  return it == prefixes_.end() ? kNone : it->second;
}

}  // namespace coop
