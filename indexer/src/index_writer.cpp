#include "coop/index_writer.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "coop/highlighter.h"
#include "coop/index_metadata.h"
#include "coop/passage_value.h"
#include "coop/record_value.h"
#include "coop/region_names.h"
#include "coop/schema.h"
#include "coop/utf8.h"

namespace coop {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Array Strings(const std::vector<std::string>& values) {
  Array a;
  for (const std::string& v : values) a.add(v);
  return a;
}

Array Partners(const std::vector<Partner>& partners) {
  Array a;
  for (const Partner& p : partners) {
    Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("name", p.name);
    o.set("country", p.country);
    if (!p.actor_id.empty()) o.set("actor_id", p.actor_id);
    if (!p.actor_name.empty()) o.set("actor", p.actor_name);
    if (!p.actor_type.empty()) o.set("type", p.actor_type);
    if (!p.role.empty()) o.set("role", p.role);
    a.add(o);
  }
  return a;
}

// The fields that open the record's JSON.
Object Identity(const Record& r) {
  Object o(Poco::JSON_PRESERVE_KEY_ORDER);
  o.set("id", r.id);
  o.set("kind", r.kind);
  o.set("title", r.title);
  o.set("source", r.source);
  o.set("publisher", r.publisher);
  o.set("date", r.date);
  o.set("partners", Partners(r.partners));
  return o;
}

// Display value of a partner in the actor facet: its normalised name when known.
std::string ActorValue(const Partner& p) { return p.actor_name.empty() ? p.name : p.actor_name; }

// The values a record shows in each facet, in first-seen order without duplicates; and each
// actor value's roles, as (role, actor value) pairs in the same order.
struct FacetValues {
  std::vector<std::string> city, region, region_2015, region_1997, foreign_region, domain, actor,
      country, year, role;
  std::vector<std::pair<std::string, std::string>> actor_roles;
};

void AddUnique(std::vector<std::string>& out, const std::string& v) {
  if (!v.empty() && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
}

FacetValues Facets(const Record& r) {
  FacetValues f;
  for (const auto& v : r.cities) AddUnique(f.city, v);
  for (const auto* list : {&r.regions, &r.regions_pre2015, &r.foreign_regions}) {
    for (const auto& v : *list) AddUnique(f.region, v);
  }
  for (const auto& v : r.regions) AddUnique(f.region_2015, v);
  for (const auto& v : r.regions_pre2015) AddUnique(f.region_1997, v);
  for (const auto& v : r.foreign_regions) AddUnique(f.foreign_region, v);
  for (const auto& v : r.domains) AddUnique(f.domain, v);
  // Every actor the record names (issue 15): its partners first, then the mentions that name an
  // actor (a mention of a place alone is no actor).
  const auto add_actor = [&f](const Partner& p) {
    AddUnique(f.actor, ActorValue(p));
    if (p.role.empty()) return;
    AddUnique(f.role, p.role);
    const std::pair<std::string, std::string> pair{p.role, ActorValue(p)};
    if (std::find(f.actor_roles.begin(), f.actor_roles.end(), pair) == f.actor_roles.end()) {
      f.actor_roles.push_back(pair);
    }
  };
  for (const Partner& p : r.partners) add_actor(p);
  for (const Partner& p : r.mentions) {
    if (!p.actor_id.empty()) add_actor(p);
  }
  for (const auto& v : r.countries) AddUnique(f.country, v);
  for (const Partner& p : r.partners) AddUnique(f.country, p.country);
  for (int y : r.years) AddUnique(f.year, std::to_string(y));
  return f;
}

std::string Joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out.push_back(schema::kValueSeparator);
    out += v;
  }
  return out;
}

// Boolean filter terms and values of a record document (passages carry none: search matches
// records, and passages only pick each hit's best passage).
struct SharedFields {
  std::vector<std::string> terms;
  std::vector<std::pair<Xapian::valueno, std::string>> values;

  void ApplyTo(Xapian::Document& doc) const {
    for (const std::string& t : terms) doc.add_boolean_term(t);
    for (const auto& [slot, value] : values) doc.add_value(slot, value);
  }
};

SharedFields RecordFilters(Analyzer& analyzer, const Record& r, double order) {
  SharedFields out;
  const FacetValues f = Facets(r);
  const auto add = [&](std::string_view prefix, const std::vector<std::string>& values) {
    for (const std::string& v : values) out.terms.push_back(schema::Term(prefix, analyzer.Fold(v)));
  };
  out.terms.push_back(schema::Term(schema::kSource, r.source));
  out.terms.push_back(schema::Term(schema::kRecordKind, r.kind));
  add(schema::kCity, f.city);
  add(schema::kRegion, f.region);
  add(schema::kRegion2015, f.region_2015);
  add(schema::kRegion1997, f.region_1997);
  add(schema::kForeignRegion, f.foreign_region);
  add(schema::kProvince, r.provinces);
  add(schema::kDomain, f.domain);
  add(schema::kActor, f.actor);
  add(schema::kCountry, f.country);
  add(schema::kYear, f.year);
  add(schema::kRole, f.role);
  for (const auto& [role, actor] : f.actor_roles) {
    out.terms.push_back(schema::ActorRoleTerm(role, analyzer.Fold(actor)));
  }
  for (const auto* list : {&r.partners, &r.mentions}) {
    for (const Partner& p : *list) {
      if (!p.actor_id.empty()) out.terms.push_back(schema::Term(schema::kActorId, p.actor_id));
    }
  }
  out.values = {{schema::kSlotRecordId, r.id},
                {schema::kSlotOrder, Xapian::sortable_serialise(order)},
                {schema::kSlotCity, Joined(f.city)},
                {schema::kSlotRegion, Joined(f.region)},
                {schema::kSlotRegion2015, Joined(f.region_2015)},
                {schema::kSlotRegion1997, Joined(f.region_1997)},
                {schema::kSlotForeignRegion, Joined(f.foreign_region)},
                {schema::kSlotDomain, Joined(f.domain)},
                {schema::kSlotActor, Joined(f.actor)},
                {schema::kSlotCountry, Joined(f.country)},
                {schema::kSlotYear, Joined(f.year)},
                {schema::kSlotRole, Joined(f.role)}};
  std::optional<int> latest;
  if (!r.years.empty()) {
    latest = *std::max_element(r.years.begin(), r.years.end());
    out.values.emplace_back(schema::kSlotDate, Xapian::sortable_serialise(*latest));
  }
  out.values.emplace_back(schema::kSlotDateOrder, schema::DateOrderKey(latest, order));
  return out;
}

// Adds analysed tokens to `doc` with their positions moved by `shift`, and their stems, each
// occurrence counting `wdf` (field weights: schema::kTitleWdf).
void AddTokens(Xapian::Document& doc, const std::vector<Token>& tokens, Xapian::termpos shift,
               Xapian::termcount wdf = 1) {
  for (const Token& t : tokens) {
    doc.add_posting(t.term, t.position + shift, wdf);
    if (!t.stem.empty()) doc.add_term(schema::Term(schema::kStem, t.stem), wdf);
  }
}

// The headings of `passages`, each once: the parts of their heading paths ("A › B").
std::set<std::string> Headings(const std::vector<Passage>& passages) {
  constexpr std::string_view kSeparator = " \xE2\x80\xBA ";  // " › ", segment_passages.cpp
  std::set<std::string> out;
  for (const Passage& p : passages) {
    std::string_view rest = p.heading;
    while (!rest.empty()) {
      const std::size_t at = rest.find(kSeparator);
      out.emplace(rest.substr(0, at));
      if (at == std::string_view::npos) break;
      rest.remove_prefix(at + kSeparator.size());
    }
  }
  out.erase("");
  return out;
}

// Adds the heading field weight (schema::kHeadingExtraWdf) to the terms and stems of each
// distinct heading of `passages`, without positions: the heading lines are already in the
// passages' text, with their positions.
void AddHeadingWeights(Xapian::Document& doc, Analyzer& analyzer,
                       const std::vector<Passage>& passages) {
  for (const std::string& heading : Headings(passages)) {
    for (const Token& t : analyzer.Analyze(heading)) {
      if (t.stopword) continue;  // dropped from queries: weight would only lengthen the record
      doc.add_term(t.term, schema::kHeadingExtraWdf);
      if (!t.stem.empty()) {
        doc.add_term(schema::Term(schema::kStem, t.stem), schema::kHeadingExtraWdf);
      }
    }
  }
}

// Adds analysed tokens to `doc` without positions, and their stems: a passage serves to pick and
// show a hit's passage, never to match a phrase (records do), and positions were a quarter of
// the index.
void AddTermsOnly(Xapian::Document& doc, const std::vector<Token>& tokens) {
  for (const Token& t : tokens) {
    doc.add_term(t.term);
    if (!t.stem.empty()) doc.add_term(schema::Term(schema::kStem, t.stem));
  }
}

// Adds the shingle of every two tokens at consecutive positions (schema::kShingle): exactly the
// pairs a two-word phrase can match in `tokens`, compounds included, and the exact-run terms
// (schema::kExactRun, `wdf` per occurrence) of those of two content words (no stopword, no
// number). Tokens come in position
// order (analyzer.h), a compound just before its first part, at the same position.
bool Content(const Token& t) { return !t.stopword && !t.number; }

void AddShingles(Xapian::Document& doc, const std::vector<Token>& tokens,
                 Xapian::termcount wdf = 1) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    for (std::size_t j = i + 1; j < tokens.size() && tokens[j].position <= tokens[i].position + 1;
         ++j) {
      if (tokens[j].position != tokens[i].position + 1) continue;
      const std::string shingle = schema::Shingle(tokens[i].term, tokens[j].term);
      // Boolean (wdf 0): shingles only filter, and must not change a record's length in BM25.
      if (!shingle.empty()) doc.add_boolean_term(shingle);
      // Only two content words make an exact run (the query side boosts no other pair).
      if (!Content(tokens[i]) || !Content(tokens[j])) continue;
      const std::string run = schema::ExactRun(tokens[i].term, tokens[j].term);
      if (!run.empty()) doc.add_term(run, wdf);
    }
  }
}

}  // namespace

namespace {

// Calls visit(term, wdf) for each spelling-dictionary entry of record document `doc` (see
// AddSpelling): adding and removing must see the same entries, or the dictionary drifts.
template <typename Visit>
void ForEachSpellingEntry(const Analyzer& analyzer, const Xapian::Document& doc, Visit visit) {
  // Only records feed the dictionary: a record holds the words of all its passages (and its
  // title), with their occurrences summed, so one call per distinct word and record.
  const std::string record = schema::Term(schema::kDocType, schema::kDocTypeRecord);
  Xapian::TermIterator kind = doc.termlist_begin();
  kind.skip_to(record);
  if (kind == doc.termlist_end() || *kind != record) return;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if (const char c = (*t)[0]; c >= 'A' && c <= 'Z') {
      t.skip_to("[");  // past every prefixed term (shingles, stems, filters): '[' follows 'Z'
      if (t == doc.termlist_end()) break;
    }
    const std::string term = *t;
    if (term.size() < 3) continue;
    if (std::any_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    if (analyzer.IsStopword(term)) continue;
    // Occurrences, not wdf: the field weights (schema::kTitleWdf) would make a title word look
    // more common to the spelling dictionary, and change its suggestions. Every word term of a
    // record has its positions.
    visit(term, std::max<Xapian::termcount>(1, t.positionlist_count()));
  }
}

}  // namespace

void AddSpelling(Xapian::WritableDatabase& db, const Analyzer& analyzer,
                 const Xapian::Document& doc) {
  ForEachSpellingEntry(analyzer, doc, [&db](const std::string& term, Xapian::termcount wdf) {
    db.add_spelling(term, wdf);
  });
}

void RemoveSpelling(Xapian::WritableDatabase& db, const Analyzer& analyzer,
                    const Xapian::Document& doc) {
  ForEachSpellingEntry(analyzer, doc, [&db](const std::string& term, Xapian::termcount wdf) {
    db.remove_spelling(term, wdf);
  });
}

void StoreSynonyms(Xapian::WritableDatabase& db, const Analyzer& analyzer) {
  std::vector<std::string> keys(db.synonym_keys_begin(), db.synonym_keys_end());
  for (const std::string& key : keys) db.clear_synonyms(key);
  for (const SynonymGroup& group : analyzer.Synonyms()) {
    std::vector<std::string> forms;
    for (const auto& terms : group.alternatives) {
      std::string form;
      for (const std::string& t : terms) form += (form.empty() ? "" : " ") + t;
      if (!form.empty()) forms.push_back(form);
    }
    for (const std::string& a : forms) {
      for (const std::string& b : forms) {
        if (a != b) db.add_synonym(a, b);
      }
    }
  }
}

namespace {

// The coordinates of the city facet values (kPlacePointsKey): every municipal place of the
// gazetteer with coordinates. The city facet holds names alone, so a name stands for the first
// municipal place of that name (the curated gazetteer.csv comes first); if that one has no
// coordinates the name has none, rather than those of a namesake elsewhere.
const std::string& PlacePointsValue() {
  static const std::string value = [] {
    std::vector<PlacePoint> points;
    std::set<std::string> names;
    for (const Place& p : ReferenceData::Embedded().places()) {
      const bool municipal = p.type == "commune urbaine" || p.type == "commune rurale" ||
                             p.type == "commune" || p.type == "ville";
      if (!municipal || !names.insert(p.name).second || !p.latitude || !p.longitude) continue;
      points.push_back({p.name, p.country, *p.latitude, *p.longitude});
    }
    return EncodePlacePoints(points);
  }();
  return value;
}

// The points of the regions of today's division (kRegionPointsKey): a region's own name among its
// regions_new (Morocco 2015, France 2016, Belgium, Spain), so that a record's old and new French
// region (both foreign_region values) give one circle, not two on one spot. The point is the mean
// of the region's communes with coordinates (its seat is also a city of the map, whose circle
// would hide the region's), else the seat's coordinates.
const std::string& RegionPointsValue() {
  static const std::string value = [] {
    struct Sum {
      double latitude = 0, longitude = 0;
      std::size_t n = 0;
    };
    std::map<std::pair<std::string, std::string>, Sum> sums;  // (country, region) -> communes
    const auto& places = ReferenceData::Embedded().places();
    for (const Place& p : places) {
      const bool municipal = p.type == "commune urbaine" || p.type == "commune rurale" ||
                             p.type == "commune" || p.type == "ville";
      if (!municipal || !p.latitude || !p.longitude) continue;
      for (const std::string& r : p.regions_new) {
        Sum& s = sums[{p.country, r}];
        s.latitude += *p.latitude;
        s.longitude += *p.longitude;
        ++s.n;
      }
    }
    std::vector<PlacePoint> points;
    std::set<std::string> names;
    for (const Place& p : places) {
      const bool region = p.type == "région" || p.type == "communauté autonome";
      const bool current =
          std::find(p.regions_new.begin(), p.regions_new.end(), p.name) != p.regions_new.end();
      if (!region || !current || !names.insert(p.name).second) continue;
      const auto sum = sums.find({p.country, p.name});
      if (sum != sums.end()) {
        const Sum& s = sum->second;
        points.push_back({p.name, p.country, s.latitude / s.n, s.longitude / s.n});
      } else if (p.latitude && p.longitude) {
        points.push_back({p.name, p.country, *p.latitude, *p.longitude});
      }
    }
    return EncodePlacePoints(points);
  }();
  return value;
}

}  // namespace

void WriteIndexMetadata(Xapian::WritableDatabase& db, const std::string& generation) {
  static const std::string regions = [] {
    Analyzer analyzer;
    return EncodePlaceNames(RegionNames(ReferenceData::Embedded(), analyzer));
  }();
  db.set_metadata(std::string(kFormatKey), std::to_string(kFormatVersion));
  db.set_metadata(std::string(kGenerationKey), generation);
  db.set_metadata(std::string(kRegionNamesKey), regions);
  db.set_metadata(std::string(kPlacePointsKey), PlacePointsValue());
  db.set_metadata(std::string(kRegionPointsKey), RegionPointsValue());
}

Poco::JSON::Object RecordToJson(const Record& r) {
  Object data = Identity(r);
  data.set("mentions", Partners(r.mentions));
  data.set("countries", Strings(r.countries));
  data.set("cities", Strings(r.cities));
  data.set("provinces", Strings(r.provinces));
  data.set("regions", Strings(r.regions));
  data.set("regions_pre2015", Strings(r.regions_pre2015));
  data.set("foreign_regions", Strings(r.foreign_regions));
  data.set("domains", Strings(r.domains));
  data.set("domains_text", r.domains_text);
  data.set("annex_domains", Strings(r.annex_domains));
  data.set("legal_framework", r.legal_framework);
  Array years;
  for (int y : r.years) years.add(y);
  data.set("years", years);
  Array budgets;
  for (const Budget& b : r.budgets) {
    Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("amount", b.amount);
    o.set("currency", b.currency);
    o.set("funds", b.funds);
    budgets.add(o);
  }
  data.set("budgets", budgets);
  data.set("begin", static_cast<Poco::UInt64>(r.begin));
  data.set("end", static_cast<Poco::UInt64>(r.end));
  data.set("passages", static_cast<Poco::UInt64>(r.passages.size()));
  return data;
}

StoredRecord ToStored(const Record& r) {
  const auto partners = [](const std::vector<Partner>& in) {
    std::vector<StoredPartner> out;
    for (const Partner& p : in)
      out.push_back({p.name, p.country, p.actor_id, p.actor_name, p.actor_type, p.role});
    return out;
  };
  StoredRecord s{.id = r.id,
                 .kind = r.kind,
                 .title = r.title,
                 .source = r.source,
                 .publisher = r.publisher,
                 .date = r.date,
                 .partners = partners(r.partners),
                 .mentions = partners(r.mentions),
                 .countries = r.countries,
                 .cities = r.cities,
                 .provinces = r.provinces,
                 .regions = r.regions,
                 .regions_pre2015 = r.regions_pre2015,
                 .foreign_regions = r.foreign_regions,
                 .domains = r.domains,
                 .domains_text = r.domains_text,
                 .annex_domains = r.annex_domains,
                 .legal_framework = r.legal_framework,
                 .years = r.years,
                 .budgets = {},
                 .begin = r.begin,
                 .end = r.end,
                 .passages = r.passages.size(),
                 .summary = {}};
  for (const Budget& b : r.budgets) s.budgets.push_back({b.amount, b.currency, b.funds});
  if (!r.passages.empty()) s.summary = Utf8Prefix(r.passages.front().text, 240);
  return s;
}

Record FromStored(const StoredRecord& s) {
  const auto partners = [](const std::vector<StoredPartner>& in) {
    std::vector<Partner> out;
    for (const StoredPartner& p : in)
      out.push_back({p.name, p.country, p.actor_id, p.actor_name, p.actor_type, p.role});
    return out;
  };
  Record r;
  r.id = s.id;
  r.kind = s.kind;
  r.title = s.title;
  r.source = s.source;
  r.publisher = s.publisher;
  r.date = s.date;
  r.partners = partners(s.partners);
  r.mentions = partners(s.mentions);
  r.countries = s.countries;
  r.cities = s.cities;
  r.provinces = s.provinces;
  r.regions = s.regions;
  r.regions_pre2015 = s.regions_pre2015;
  r.foreign_regions = s.foreign_regions;
  r.domains = s.domains;
  r.domains_text = s.domains_text;
  r.annex_domains = s.annex_domains;
  r.legal_framework = s.legal_framework;
  r.years = s.years;
  for (const StoredBudget& b : s.budgets) r.budgets.push_back({b.amount, b.currency, b.funds});
  r.begin = s.begin;
  r.end = s.end;
  return r;
}

DocidAllocator::DocidAllocator(const Xapian::Database& db) {
  // Records go after the last record, passages after the last docid in use (an index of the
  // current format has every record below the base: coop/index_metadata.h).
  Xapian::docid low = 0;
  const std::string record = schema::Term(schema::kDocType, schema::kDocTypeRecord);
  for (auto it = db.postlist_begin(record); it != db.postlist_end(record); ++it) low = *it;
  next_record_ = low + 1;
  next_passage_ = std::max(schema::kPassageDocidBase, db.get_lastdocid() + 1);
}

Xapian::docid DocidAllocator::NextRecord() {
  if (next_record_ >= schema::kPassageDocidBase) {
    throw std::length_error("no record docid left below " +
                            std::to_string(schema::kPassageDocidBase) +
                            " (schema::kPassageDocidBase): run coop-index build to renumber");
  }
  return next_record_++;
}

Xapian::docid DocidAllocator::NextFor(const Xapian::Document& doc) {
  const std::string passage = schema::Term(schema::kDocType, schema::kDocTypePassage);
  Xapian::TermIterator kind = doc.termlist_begin();
  kind.skip_to(passage);
  const bool is_passage = kind != doc.termlist_end() && *kind == passage;
  return is_passage ? NextPassage() : NextRecord();
}

DocumentWriter::DocumentWriter(Xapian::WritableDatabase& db, Analyzer& analyzer)
    : db_(db), analyzer_(analyzer), docids_(db) {}

void DocumentWriter::Write(const Record& r, double order) {
  // Short local names for the members, used throughout the body.
  Xapian::WritableDatabase& db = db_;
  Analyzer& analyzer = analyzer_;
  DocidAllocator& docids = docids_;
  // The record document carries the text terms of all its passages and its title, so that a
  // query matches a record whose words are spread over several passages; passages keep only
  // their own text terms, to pick the passage a hit shows, and no filter terms or facet values.
  // Passages are a position gap apart on the record, so phrases never span two of them.
  constexpr Xapian::termpos kPassageGap = 100;
  Xapian::Document rec;
  const std::string rec_id_term = schema::Term(schema::kId, r.id);
  rec.add_boolean_term(rec_id_term);
  rec.add_boolean_term(schema::Term(schema::kDocType, schema::kDocTypeRecord));
  const SharedFields shared = RecordFilters(analyzer, r, order);
  shared.ApplyTo(rec);
  rec.set_data(EncodeRecord(ToStored(r)));

  const std::string source_term = schema::Term(schema::kSource, r.source);
  const std::vector<Token> title = analyzer.Analyze(r.title);
  Xapian::termpos next = 0;  // record position of the current passage's first token, minus 1
  for (std::size_t i = 0; i < r.passages.size(); ++i) {
    const Passage& p = r.passages[i];
    const std::vector<Token> tokens = analyzer.Analyze(p.text);
    AddTokens(rec, tokens, next);
    AddShingles(rec, tokens);
    if (!tokens.empty()) next += tokens.back().position + kPassageGap;
    Xapian::Document doc;
    const std::string id_term = schema::Term(schema::kId, p.id);
    doc.add_boolean_term(id_term);
    doc.add_boolean_term(schema::Term(schema::kDocType, schema::kDocTypePassage));
    doc.add_boolean_term(schema::Term(schema::kRecord, r.id));
    // The source term deletes it with its source; slot 0 names its record without a lookup.
    doc.add_boolean_term(source_term);
    doc.add_value(schema::kSlotRecordId, r.id);
    AddTermsOnly(doc, tokens);
    // Everything stored of a passage is in its value slot, read without zlib; the tokens'
    // spans and terms are there too, so that snippets need not run the analyzer again.
    const std::string table = HighlightTable(p.text, tokens);
    doc.add_value(schema::kSlotPassage, EncodePassageValue({.id = p.id,
                                                            .record = r.id,
                                                            .heading = p.heading,
                                                            .text = p.text,
                                                            .table = table,
                                                            .page = p.page,
                                                            .index = i,
                                                            .begin = p.begin,
                                                            .end = p.end}));
    db.replace_document(docids.NextPassage(), doc);
  }
  AddTokens(rec, title, next + kPassageGap, schema::kTitleWdf);
  AddShingles(rec, title, schema::kTitleWdf);
  AddHeadingWeights(rec, analyzer, r.passages);
  pending_.push_back(std::move(rec));
  if (pending_.size() >= 64) Flush();
}

void DocumentWriter::Flush() {
  for (const Xapian::Document& rec : pending_) {
    AddSpelling(db_, analyzer_, rec);
    db_.replace_document(docids_.NextRecord(), rec);
  }
  pending_.clear();
}

void DocumentWriter::Copy(const Xapian::Document& doc) {
  db_.replace_document(docids_.NextFor(doc), doc);
  AddSpelling(db_, analyzer_, doc);
}

}  // namespace coop
