// Turning records into Xapian documents following coop/schema.h: the one place where terms,
// values and stored fields are written.
#ifndef COOP_INDEX_WRITER_H_
#define COOP_INDEX_WRITER_H_

#include <Poco/JSON/Object.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "coop/analyzer.h"
#include "coop/corpus.h"
#include "coop/record_value.h"

namespace coop {

/// Hands out the docids of new documents following schema::kPassageDocidBase: records below
/// the base, passages from it on, each after every docid of its type in use. Start one per
/// writing session, after opening the database; documents are then written with
/// replace_document(docid, doc). Not thread-safe.
class DocidAllocator {
 public:
  /// Continues after the documents of `db` (an index of the current format).
  explicit DocidAllocator(const Xapian::Database& db);
  /// Next record docid. Throws std::length_error when the record range below the base is full.
  Xapian::docid NextRecord();
  /// Next passage docid (>= schema::kPassageDocidBase).
  Xapian::docid NextPassage() { return next_passage_++; }
  /// Next docid for a copy of stored document `doc`, by its document type term (schema::kDocType).
  Xapian::docid NextFor(const Xapian::Document& doc);

 private:
  Xapian::docid next_record_ = 1;
  Xapian::docid next_passage_ = 0;
};

/// Writes records as Xapian documents — one record document and one document per passage — at
/// new docids (DocidAllocator), without id look-ups: the caller must first delete any previous
/// version of a record (coop-index deletes a source's documents by its XS term). Passage
/// documents are added at once; record documents wait until Flush() (or until 64 wait), so each
/// type reaches Xapian in runs of ascending docids: Xapian's B-trees fill their blocks on
/// sequential adds but split them in half otherwise (one record after each record's passages
/// made the index 10% larger at x10 and x100). Record words also go into the spelling dictionary
/// (AddSpelling). Throws Xapian::Error on I/O errors, std::length_error when docids run out.
/// Not thread-safe; `db` and `analyzer` must outlive the writer.
class DocumentWriter {
 public:
  /// Writes into `db` after its existing documents.
  DocumentWriter(Xapian::WritableDatabase& db, Analyzer& analyzer);
  /// Adds the passages of `record` and queues its record document; `order`: its browse rank.
  void Write(const Record& record, double order);
  /// Writes the queued record documents. Call before reading `db` again or committing.
  void Flush();
  /// Adds a copy of stored document `doc` (read from another database) at a docid of its type,
  /// and its spelling entries. Flush() first if records are queued.
  void Copy(const Xapian::Document& doc);

 private:
  Xapian::WritableDatabase& db_;
  Analyzer& analyzer_;
  DocidAllocator docids_;
  std::vector<Xapian::Document> pending_;  // record documents not yet written
};

/// Adds the spelling-dictionary entries of record document `doc` to `db`: its unprefixed terms
/// (the words of all its passages and its title) of 3 bytes or more, without digits, that are not
/// stopwords, weighted by their wdf. Used on write, with RemoveSpelling on delete, so the
/// dictionary follows the index. Passage documents add nothing (their record holds their words).
/// Throws Xapian::Error on I/O errors. Not thread-safe (writes `db`).
void AddSpelling(Xapian::WritableDatabase& db, const Analyzer& analyzer,
                 const Xapian::Document& doc);

/// Removes what AddSpelling(db, analyzer, doc) added: call before deleting record document `doc`.
/// Throws Xapian::Error on I/O errors. Not thread-safe (writes `db`).
void RemoveSpelling(Xapian::WritableDatabase& db, const Analyzer& analyzer,
                    const Xapian::Document& doc);

/// Replaces the database's synonym table with the analyzer's multi-word synonym groups
/// (analyzers/data/variants.txt): each alternative, as its folded terms joined by spaces, maps to
/// every other one. Single-word spelling variants need no entry: the analyzer writes them as one
/// canonical term. Lets other Xapian tools (e.g. QueryParser with FLAG_SYNONYM) see our synonyms.
void StoreSynonyms(Xapian::WritableDatabase& db, const Analyzer& analyzer);

/// Writes the index metadata a reader needs (coop/index_metadata.h): the format version, the
/// generation name `generation` and the gazetteer's region names for query expansion. Call in
/// every writing transaction, so an update carries the reference data it was written with.
/// Throws Xapian::Error on I/O errors, std::runtime_error if the embedded gazetteer is malformed.
void WriteIndexMetadata(Xapian::WritableDatabase& db, const std::string& generation);

/// The record as a JSON object (all fields; passages as a count), as `coop-index inspect` prints
/// it. Thread-safe.
Poco::JSON::Object RecordToJson(const Record& record);

/// The fields of `record` that its record document stores (coop/record_value.h). Thread-safe.
StoredRecord ToStored(const Record& record);

/// A record with the stored fields of `stored` and no passages (`inspect --index`). Thread-safe.
Record FromStored(const StoredRecord& stored);

}  // namespace coop

#endif  // COOP_INDEX_WRITER_H_
