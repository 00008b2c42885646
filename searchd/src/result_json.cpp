#include "result_json.h"

#include <algorithm>

#include "coop/schema.h"
#include "exec/index_revision.h"
#include "json_writer.h"
#include "record_json.h"

namespace coop::http {
namespace {

// Opens the record's object and writes id, kind, title, source, publisher, date and partners.
void RecordHead(JsonWriter& w, const StoredRecord& r) {
  const std::pair<const char*, const std::string*> head[] = {
      {"id", &r.id},         {"kind", &r.kind},           {"title", &r.title},
      {"source", &r.source}, {"publisher", &r.publisher}, {"date", &r.date}};
  w.StartObject();
  for (const auto& [key, value] : head) {
    w.Key(key);
    w.String(*value);
  }
  w.Key("partners");
  WritePartners(w, r.partners);
}

// A hit's members that depend on its record alone, from id to years, each followed by a comma
// (JsonWriter::RawMembers).
std::string HitMembers(const StoredRecord& r) {
  JsonWriter w(2048);
  RecordHead(w, r);
  w.Key("cities");
  WriteStrings(w, r.cities);
  // A hit lists a record's regions of both reforms and its foreign regions, without repeats.
  std::vector<std::string> regions;
  for (const auto* list : {&r.regions, &r.regions_pre2015, &r.foreign_regions}) {
    for (const std::string& v : *list) {
      if (!v.empty() && std::find(regions.begin(), regions.end(), v) == regions.end())
        regions.push_back(v);
    }
  }
  w.Key("regions");
  WriteStrings(w, regions);
  // And each division apart, as the facets have them (issue 17).
  w.Key("regions_2015");
  WriteStrings(w, r.regions);
  w.Key("regions_1997");
  WriteStrings(w, r.regions_pre2015);
  w.Key("foreign_regions");
  WriteStrings(w, r.foreign_regions);
  w.Key("domains");
  WriteStrings(w, r.domains);
  w.Key("years");
  WriteInts(w, r.years);
  w.EndObject();
  std::string members = w.Finish();  // {...}: the braces off, a comma after
  members.back() = ',';
  members.erase(0, 1);
  return members;
}

// `revision`: the one hit.record points into, whose memo keeps the record's members written
// (IndexRevision::hit_members); null: they are written here.
void Hit(JsonWriter& w, const SearchHit& hit, const exec::IndexRevision* revision) {
  const StoredRecord& r = *hit.record;
  w.StartObject();
  if (revision) {
    w.RawMembers(revision->hit_members().Get(revision->records().OrdinalOf(r),
                                             [&] { return HitMembers(r); }));
  } else {
    w.RawMembers(HitMembers(r));
  }
  w.Key("passage");
  if (hit.passage) {
    w.StartObject();
    w.Key("id");
    w.String(hit.passage->id);
    w.Key("heading");
    w.String(hit.passage->heading);
    w.Key("page");
    if (hit.passage->page > 0) {
      w.Int(hit.passage->page);
    } else {
      w.Null();
    }
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("snippet");
  w.String(hit.snippet);
  w.Key("score");
  if (hit.passage) {
    w.Fixed(hit.score, 2);
  } else {
    w.Int(1);  // browsing: no relevance
  }
  w.EndObject();
}

// `{"value":"<value>","count":`: a facet value as WriteValueCounts writes it, up to its count.
std::string FacetValueHead(std::string_view value) {
  JsonWriter w(64 + value.size());
  w.StartObject();
  w.Key("value");
  w.String(value);
  w.Key("count");
  w.Uint(0);
  w.EndObject();
  std::string head = w.Finish();
  head.resize(head.size() - 2);  // "0}"
  return head;
}

void Brief(JsonWriter& w, const std::optional<RecordBrief>& brief) {
  if (!brief) {
    w.Null();
    return;
  }
  w.StartObject();
  w.Key("id");
  w.String(brief->id);
  w.Key("title");
  w.String(brief->title);
  w.EndObject();
}

}  // namespace

std::string SearchResultJson(const SearchResult& r) {
  JsonWriter w;
  w.StartObject();
  w.Key("query");
  w.String(r.query);
  w.Key("total");
  w.Uint(r.total);
  w.Key("page");
  w.Int(r.page);
  w.Key("size");
  w.Int(r.size);
  w.Key("hits");
  w.StartArray();
  for (const SearchHit& hit : r.hits) Hit(w, hit, r.revision.get());
  w.EndArray();
  w.Key("facets");
  w.StartObject();
  for (const FacetResult& facet : r.facets) {
    w.Key(facet.name);
    // The same bytes as WriteValueCounts, from each value's head written once per revision.
    const std::size_t f = schema::FacetIndex(facet.name);
    w.StartArray();
    for (const FacetValue& v : facet.values) {
      if (r.revision && f < std::size(schema::kFacets) && v.id != FacetValue::kNoId) {
        w.ObjectEndingWithUint(
            r.revision->facet_value_json(f).Get(v.id, [&] { return FacetValueHead(v.value); }),
            v.count);
      } else {
        WriteValueCount(w, v);
      }
    }
    w.EndArray();
  }
  w.EndObject();
  w.Key("suggestion");
  if (r.suggestion) {
    w.String(*r.suggestion);
  } else {
    w.Null();
  }
  w.Key("suggestion_total");
  if (r.suggestion_total) {
    w.Uint(*r.suggestion_total);
  } else {
    w.Null();
  }
  w.Key("match");
  w.String(MatchModeName(r.match));
  w.Key("relaxed");  // the flag that came before "match", kept for its clients: not "all"
  w.Bool(r.match != MatchMode::kAll);
  w.Key("corrected_query");
  if (r.corrected) {
    w.String(*r.corrected);
  } else {
    w.Null();
  }
  w.Key("typos");  // typo tolerance: each misspelt word and the index words it matched
  w.StartArray();
  for (const TypoMatch& t : r.typos) {
    w.StartObject();
    w.Key("word");
    w.String(t.word);
    w.Key("matched");
    w.StartArray();
    for (const std::string& term : t.terms) w.String(term);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("partial");
  if (r.partial) {
    w.StartObject();
    w.Key("match");
    w.String(MatchModeName(r.partial->match));
    w.Key("hits");
    w.StartArray();
    for (const SearchHit& hit : r.partial->hits) Hit(w, hit, r.revision.get());
    w.EndArray();
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("took_ms");
  w.Fixed(r.took_ms, 3);
  w.EndObject();
  return w.Finish();
}

// `spans` (byte offsets into UTF-8 `text`) as [[begin, end], ...] in UTF-16 code units, the
// indexes of a JavaScript string: the page slices the text it is given with them.
void Utf16Spans(JsonWriter& w, std::string_view text,
                const std::vector<std::pair<std::size_t, std::size_t>>& spans) {
  w.StartArray();
  std::size_t byte = 0, unit = 0;
  const auto advance = [&](std::size_t to) {
    for (; byte < to && byte < text.size(); ++byte) {
      const auto c = static_cast<unsigned char>(text[byte]);
      if ((c & 0xC0) != 0x80) unit += c >= 0xF0 ? 2 : 1;  // a lead byte; 4 bytes: a pair
    }
    return unit;
  };
  for (const auto& [begin, end] : spans) {
    w.StartArray();
    w.Uint(advance(begin));
    w.Uint(advance(end));
    w.EndArray();
  }
  w.EndArray();
}

std::string RecordPageJson(const RecordPage& page) {
  const StoredRecord& r = page.record;
  JsonWriter w;
  RecordHead(w, r);
  w.Key("mentions");
  WritePartners(w, r.mentions);
  const std::pair<const char*, const std::vector<std::string>*> places[] = {
      {"countries", &r.countries},
      {"cities", &r.cities},
      {"provinces", &r.provinces},
      {"regions", &r.regions},
      {"regions_pre2015", &r.regions_pre2015},
      {"foreign_regions", &r.foreign_regions},
      {"domains", &r.domains}};
  for (const auto& [key, values] : places) {
    w.Key(key);
    WriteStrings(w, *values);
  }
  w.Key("domains_text");
  w.String(r.domains_text);
  w.Key("annex_domains");
  WriteStrings(w, r.annex_domains);
  w.Key("legal_framework");
  w.String(r.legal_framework);
  w.Key("years");
  WriteInts(w, r.years);
  w.Key("budgets");
  WriteBudgets(w, r.budgets);
  w.Key("begin");
  w.Uint(r.begin);
  w.Key("end");
  w.Uint(r.end);
  w.Key("passages");
  w.StartArray();
  for (const PagePassage& p : page.passages) {
    w.StartObject();
    w.Key("id");
    w.String(p.id);
    w.Key("heading");
    w.String(p.heading);
    w.Key("page");  // null, not 0, where the format gives no page (issue 17)
    if (p.page > 0) {
      w.Int(p.page);
    } else {
      w.Null();
    }
    w.Key("text");
    w.String(p.text);
    w.Key("marks");
    Utf16Spans(w, p.text, p.marks);
    w.EndObject();
  }
  w.EndArray();
  w.Key("neighbours");
  w.StartObject();
  w.Key("previous");
  Brief(w, page.previous);
  w.Key("next");
  Brief(w, page.next);
  w.EndObject();
  w.EndObject();
  return w.Finish();
}

std::string ActorPageJson(const ActorPage& page) {
  JsonWriter w;
  w.StartObject();
  const std::pair<const char*, const std::string*> head[] = {
      {"id", &page.id}, {"name", &page.name}, {"type", &page.type}, {"country", &page.country}};
  for (const auto& [key, value] : head) {
    w.Key(key);
    w.String(*value);
  }
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {"names", &page.names},
      {"cities", &page.cities},
      {"regions", &page.regions},
      {"domains", &page.domains}};
  for (const auto& [key, values] : lists) {
    w.Key(key);
    WriteStrings(w, *values);
  }
  w.Key("partnerships");
  w.StartArray();
  for (std::size_t i = 0; i < page.partnerships.size(); ++i) {
    const StoredRecord& r = page.partnerships[i];
    w.StartObject();
    w.Key("id");
    w.String(r.id);
    w.Key("title");
    w.String(r.title);
    w.Key("kind");
    w.String(r.kind);
    w.Key("roles");  // the actor's roles in this record
    w.StartArray();
    for (const ActorRoleRecords& group : page.roles) {
      if (std::binary_search(group.records.begin(), group.records.end(), i)) w.String(group.role);
    }
    w.EndArray();
    w.Key("partners");
    WritePartners(w, r.partners);
    w.Key("domains");
    WriteStrings(w, r.domains);
    w.Key("years");
    WriteInts(w, r.years);
    w.EndObject();
  }
  w.EndArray();
  w.Key("roles");  // record ids by the actor's role in them
  w.StartObject();
  for (const ActorRoleRecords& group : page.roles) {
    w.Key(group.role);
    w.StartArray();
    for (std::size_t i : group.records) w.String(page.partnerships[i].id);
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  return w.Finish();
}

std::string SuggestionsJson(const std::string& prefix, const std::vector<Suggestion>& suggestions) {
  JsonWriter w(1024);
  w.StartObject();
  w.Key("prefix");
  w.String(prefix);
  w.Key("suggestions");
  w.StartArray();
  for (const Suggestion& s : suggestions) {
    w.StartObject();
    w.Key("value");
    w.String(s.value);
    w.Key("facet");
    w.String(s.facet);
    w.Key("count");
    w.Uint(s.count);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Finish();
}

}  // namespace coop::http
