#include "coop/index_writer.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

#include "coop/schema.h"

namespace coop {
namespace {

std::string ToJson(const Poco::JSON::Object& obj) {
  std::ostringstream out;
  obj.stringify(out);
  return out.str();
}

Poco::JSON::Object RecordData(const Record& r) {
  Poco::JSON::Object data(Poco::JSON_PRESERVE_KEY_ORDER);
  data.set("id", r.id);
  data.set("title", r.title);
  data.set("source", r.source);
  data.set("publisher", r.publisher);
  data.set("date", r.date);
  Poco::JSON::Array partners;
  for (const Partner& p : r.partners) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("name", p.name);
    o.set("country", p.country);
    partners.add(o);
  }
  data.set("partners", partners);
  Poco::JSON::Array countries;
  for (const std::string& c : r.countries) countries.add(c);
  data.set("countries", countries);
  data.set("summary", r.passages.empty() ? std::string() : r.passages.front().text.substr(0, 600));
  return data;
}

// Boolean terms and values that records and their passages share, so filters apply to both.
void AddRecordFilters(Xapian::Document& doc, Analyzer& analyzer, const Record& r, double order) {
  doc.add_boolean_term(schema::Term(schema::kSource, r.source));
  for (const std::string& c : r.countries) {
    doc.add_boolean_term(schema::Term(schema::kCountry, analyzer.Fold(c)));
  }
  doc.add_value(schema::kSlotRecordId, r.id);
  doc.add_value(schema::kSlotOrder, Xapian::sortable_serialise(order));
}

void IndexText(Xapian::Document& doc, Analyzer& analyzer, const std::string& text) {
  for (const Token& t : analyzer.Analyze(text)) {
    doc.add_posting(t.term, t.position);
    if (!t.stem.empty()) doc.add_term(schema::Term(schema::kStem, t.stem));
  }
}

}  // namespace

void WriteRecord(Xapian::WritableDatabase& db, Analyzer& analyzer, const Record& r, double order) {
  Xapian::Document rec;
  const std::string rec_id_term = schema::Term(schema::kId, r.id);
  rec.add_boolean_term(rec_id_term);
  rec.add_boolean_term(schema::Term(schema::kKind, schema::kKindRecord));
  AddRecordFilters(rec, analyzer, r, order);
  rec.set_data(ToJson(RecordData(r)));
  db.replace_document(rec_id_term, rec);

  for (const Passage& p : r.passages) {
    Xapian::Document doc;
    const std::string id_term = schema::Term(schema::kId, p.id);
    doc.add_boolean_term(id_term);
    doc.add_boolean_term(schema::Term(schema::kKind, schema::kKindPassage));
    doc.add_boolean_term(schema::Term(schema::kRecord, r.id));
    AddRecordFilters(doc, analyzer, r, order);
    IndexText(doc, analyzer, p.text);
    Poco::JSON::Object data(Poco::JSON_PRESERVE_KEY_ORDER);
    data.set("record", r.id);
    data.set("heading", p.heading);
    data.set("text", p.text);
    data.set("begin", static_cast<Poco::UInt64>(p.begin));
    data.set("end", static_cast<Poco::UInt64>(p.end));
    doc.set_data(ToJson(data));
    db.replace_document(id_term, doc);
  }
}

}  // namespace coop
