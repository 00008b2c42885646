// Turning records into Xapian documents following coop/schema.h: the one place where terms,
// values and document data are written.
#ifndef COOP_INDEX_WRITER_H_
#define COOP_INDEX_WRITER_H_

#include <Poco/JSON/Object.h>
#include <xapian.h>

#include "coop/analyzer.h"
#include "coop/corpus.h"

namespace coop {

/// Adds (or replaces, by id term) the Xapian documents of `record`: one record document and one
/// document per passage. `order` is the record's browse rank. Throws Xapian::Error on I/O errors.
/// Not thread-safe (uses `analyzer` and `db`).
void WriteRecord(Xapian::WritableDatabase& db, Analyzer& analyzer, const Record& record,
                 double order);

/// The record as a JSON object (all fields; passages as a count). Used as the record
/// document's data and by `coop-index inspect`. Thread-safe.
Poco::JSON::Object RecordToJson(const Record& record);

}  // namespace coop

#endif  // COOP_INDEX_WRITER_H_
