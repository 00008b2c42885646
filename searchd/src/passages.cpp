#include "passages.h"

#include "coop/schema.h"
#include "searcher_internal.h"

namespace coop {

PassageInfo ReadPassage(const Xapian::Document& doc) {
  PassageInfo p;
  try {
    Poco::JSON::Object::Ptr d = ParseData(doc.get_data());
    p.id = d->optValue<std::string>("id", "");
    p.heading = d->optValue<std::string>("heading", "");
    p.text = d->optValue<std::string>("text", "");
    p.page = d->optValue<int>("page", 0);
  } catch (const Poco::Exception&) {
    // Unreadable stored data: the hit is still shown, without a snippet.
  }
  return p;
}

std::map<std::string, Xapian::Document> BestPassages(const Xapian::Database& db,
                                                     const std::vector<std::string>& records,
                                                     const Xapian::Query& words) {
  std::map<std::string, Xapian::Document> best;
  if (records.empty()) return best;
  std::vector<Xapian::Query> terms;
  for (const std::string& id : records) terms.emplace_back(schema::Term(schema::kRecord, id));
  const Xapian::Query of_records(Xapian::Query::OP_OR, terms.begin(), terms.end());
  if (!words.empty()) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, words, of_records));
    enquire.set_collapse_key(schema::kSlotRecordId);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(records.size()));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      best.emplace(it.get_collapse_key(), it.get_document());
    }
  }
  for (const std::string& id : records) {
    if (best.count(id)) continue;
    const std::string term = schema::Term(schema::kRecord, id);
    Xapian::PostingIterator first = db.postlist_begin(term);
    if (first != db.postlist_end(term)) best.emplace(id, db.get_document(*first));
  }
  return best;
}

std::string PassageSnippet(Analyzer& analyzer, const PassageInfo& p, const HighlightSpec& spec) {
  return Snippet(analyzer, p.text, spec);
}

}  // namespace coop
