#include "document_json.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include <set>

#include "json_writer.h"
#include "record_json.h"

namespace coop::http {
std::string PathSegment(const std::string& source) {
  std::string out;
  Poco::URI::encode(source, "!$&'()*+,;=:@/?#[]%\"<>\\^`{|} ", out);
  return out;
}

std::string DocumentJson(const DocumentView& view, const DocumentJsonOptions& options) {
  JsonWriter w;
  w.StartObject();
  w.Key("source");
  w.String(view.source);
  std::string title, publisher, date;
  std::vector<std::string> countries;
  if (!view.records.empty()) {
    const StoredRecord& first = view.records.front().record;
    title = first.title;
    publisher = first.publisher;
    date = first.date;
  }
  std::string date_note;
  if (options.facts) {
    if (!options.facts->title.empty()) title = options.facts->title;
    if (!options.facts->publisher.empty()) publisher = options.facts->publisher;
    if (!options.facts->date.empty()) date = options.facts->date;
    date_note = options.facts->date_note;
    countries = options.facts->countries;
  }
  if (countries.empty()) {
    std::set<std::string> all;
    for (const DocumentRecord& r : view.records) {
      all.insert(r.record.countries.begin(), r.record.countries.end());
    }
    countries.assign(all.begin(), all.end());
  }
  const std::pair<const char*, const std::string*> head[] = {
      {"title", &title}, {"publisher", &publisher}, {"date", &date}, {"date_note", &date_note}};
  for (const auto& [key, value] : head) {
    w.Key(key);
    w.String(*value);
  }
  w.Key("countries");
  WriteStrings(w, countries);
  w.Key("file");
  if (options.file) {
    w.String("/documents/" + PathSegment(view.source) + "/file");
  } else {
    w.Null();
  }
  w.Key("query");
  w.String(options.query);
  std::size_t marks = 0;
  for (const DocumentRecord& r : view.records) {
    for (const DocumentPassage& p : r.passages) marks += p.marks;
  }
  w.Key("marks");
  w.Uint(marks);
  w.Key("records");
  w.StartArray();
  for (const DocumentRecord& r : view.records) {
    w.StartObject();
    const std::pair<const char*, const std::string*> fields[] = {
        {"id", &r.record.id}, {"kind", &r.record.kind}, {"title", &r.record.title}};
    for (const auto& [key, value] : fields) {
      w.Key(key);
      w.String(*value);
    }
    w.Key("partners");
    WritePartners(w, r.record.partners);
    std::set<int> pages;
    for (const DocumentPassage& p : r.passages) {
      if (p.page > 0) pages.insert(p.page);
    }
    w.Key("pages");
    w.StartArray();
    for (int page : pages) w.Int(page);
    w.EndArray();
    w.Key("passages");
    w.StartArray();
    for (const DocumentPassage& p : r.passages) {
      w.StartObject();
      w.Key("id");
      w.String(p.id);
      w.Key("heading");
      w.String(p.heading);
      w.Key("page");
      if (p.page > 0) {
        w.Int(p.page);
      } else {
        w.Null();
      }
      w.Key("html");
      w.String(p.html);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Finish();
}

std::string StatsJson(const IndexSummary& stats, const std::map<std::string, ManifestFacts>& facts,
                      const std::vector<ExampleSearch>& examples) {
  JsonWriter w;
  w.StartObject();
  w.Key("documents");
  w.Uint(stats.documents.size());
  w.Key("records");
  w.Uint(stats.records);
  w.Key("partnerships");
  w.Uint(stats.partnerships);
  w.Key("actors");
  w.Uint(stats.actors);
  w.Key("countries");
  WriteValueCounts(w, stats.countries);
  w.Key("years");
  if (stats.first_year > 0) {
    w.StartObject();
    w.Key("first");
    w.Int(stats.first_year);
    w.Key("last");
    w.Int(stats.last_year);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("last_update");
  if (stats.last_update > 0) {
    const Poco::Timestamp t(static_cast<Poco::Timestamp::TimeVal>(stats.last_update * 1e6));
    w.String(Poco::DateTimeFormatter::format(t, Poco::DateTimeFormat::ISO8601_FORMAT));
  } else {
    w.Null();
  }
  w.Key("sources");
  w.StartArray();
  for (const SourceBrief& s : stats.documents) {
    const auto f = facts.find(s.source);
    const ManifestFacts* m = f == facts.end() ? nullptr : &f->second;
    const auto pick = [&](const std::string& own, const std::string ManifestFacts::*field) {
      return m && !(m->*field).empty() ? m->*field : own;
    };
    w.StartObject();
    w.Key("source");
    w.String(s.source);
    w.Key("title");
    w.String(pick(s.title, &ManifestFacts::title));
    w.Key("publisher");
    w.String(pick(s.publisher, &ManifestFacts::publisher));
    w.Key("date");
    w.String(pick(s.date, &ManifestFacts::date));
    w.Key("countries");
    WriteStrings(w, m && !m->countries.empty() ? m->countries : s.countries);
    w.Key("records");
    w.Uint(s.records);
    w.Key("url");
    w.String("/documents/" + PathSegment(s.source));
    w.EndObject();
  }
  w.EndArray();
  w.Key("facets");
  w.StartObject();
  for (const StatsFacet& f : stats.facets) {
    w.Key(f.name);
    w.StartObject();
    w.Key("values");
    w.Uint(f.values);
    w.Key("largest");
    WriteValueCounts(w, f.largest);
    w.EndObject();
  }
  w.EndObject();
  w.Key("examples");
  w.StartArray();
  for (const ExampleSearch& e : examples) {
    w.StartObject();
    w.Key("label");
    w.String(e.label);
    w.Key("facet");
    w.String(e.facet);
    w.Key("value");
    w.String(e.value);
    w.Key("total");
    w.Uint(e.total);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Finish();
}

}  // namespace coop::http
