// coop-index: the indexer command line (docs/INDEXING.md). Exit codes: 0 ok, 1 some files failed
// (each reported by name with the reason), 2 usage error, 3 fatal error (index locked,
// unreadable or unwritable, malformed manifest).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "coop/generations.h"
#include "coop/index_builder.h"
#include "coop/index_metadata.h"
#include "coop/index_writer.h"
#include "coop/passage_value.h"
#include "coop/record_value.h"
#include "coop/schema.h"

namespace {
namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: coop-index COMMAND [ARGS] [OPTIONS]   (coop-index COMMAND --help for details)\n"
    "\n"
    "commands:\n"
    "  build CORPUS_DIR --index DIR   full build into a new database, switched in atomically\n"
    "  add FILE... --index DIR        add or replace reports (source id = file name)\n"
    "  update CORPUS_DIR --index DIR  reindex changed files, add new ones, remove deleted ones\n"
    "  remove SOURCE_ID... --index DIR  remove reports from the index\n"
    "  inspect FILE|DIR...            print the records extracted from files, one JSON per line\n"
    "  inspect --index DIR [SOURCE_ID...]  print the records stored in an index\n"
    "  stats --index DIR              files, records, passages, terms, size\n"
    "\n"
    "options: --max-file-mb N (default 100; also the unpacked size limit of DOCX/ODT)\n"
    "exit codes: 0 ok, 1 some files failed (reported by name), 2 usage, 3 fatal error\n";

const std::map<std::string, std::string> kCommandHelp = {
    {"build",
     "usage: coop-index build CORPUS_DIR --index DIR [--max-file-mb N] [--shards N [--jobs J]]\n"
     "Indexes every file of CORPUS_DIR (facts from CORPUS_DIR/manifest.json when listed) into a\n"
     "new database and switches DIR (a stub file) to it with one rename: searchers see the old or\n"
     "the new index, never a partial one. A file that fails keeps its previous version.\n"
     "--shards N writes N shard databases (file f goes to shard FNV-1a-64(f) mod N), J at a time\n"
     "(default: one per core), listed in the stub; add, update and remove then write only the\n"
     "shards of their files (docs/SCALING.md).\n"},
    {"add",
     "usage: coop-index add FILE... --index DIR [--max-file-mb N]\n"
     "Adds or replaces each FILE (source id = its file name) in one transaction. Formats: text,\n"
     "Markdown, HTML, PDF, DOCX, ODT, detected from content. Creates the index if missing.\n"},
    {"update",
     "usage: coop-index update CORPUS_DIR --index DIR [--max-file-mb N]\n"
     "Compares each file's SHA-256 (and manifest entry) with the index: reindexes changed and new\n"
     "files, skips unchanged ones, removes sources whose file is gone. One transaction.\n"},
    {"remove",
     "usage: coop-index remove SOURCE_ID... --index DIR\n"
     "Removes every document of each source (its file name) in one transaction.\n"},
    {"inspect",
     "usage: coop-index inspect FILE|DIR... [--passages] [--max-file-mb N]\n"
     "       coop-index inspect --index DIR [SOURCE_ID...] [--passages]\n"
     "Prints records as JSON, one object per line: extracted from files (nothing is written),\n"
     "or as stored in an index. --passages lists each record's passages (with page numbers).\n"
     "From files, each record also gives its style, the source of each field (sources: sidecar,\n"
     "manifest, segmenter:STYLE, pattern, gazetteer, thesaurus) and its unverified_places.\n"},
    {"stats",
     "usage: coop-index stats --index DIR\n"
     "Prints files, records, passages, distinct terms and size on disk of the index.\n"},
};

struct Args {
  std::string command;
  std::vector<std::string> positional;
  std::string index;
  coop::ExtractLimits limits;
  bool passages = false;
  bool help = false;
  std::size_t shards = 0;  // build --shards N (0: one database)
  std::size_t jobs = 0;    // build --jobs J (0: one per core)
};

int Usage(const std::string& why, const std::string& command = "") {
  if (!why.empty()) std::cerr << "coop-index: " << why << "\n\n";
  const auto it = kCommandHelp.find(command);
  std::cerr << (it == kCommandHelp.end() ? kUsage : it->second);
  return 2;
}

bool ParseArgs(int argc, char** argv, Args& args, std::string& error) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      args.help = true;
    } else if (a == "--index") {
      if (i + 1 >= argc) return error = "--index needs a path", false;
      args.index = argv[++i];
      while (args.index.size() > 1 && args.index.back() == '/') args.index.pop_back();
    } else if (a == "--max-file-mb") {
      if (i + 1 >= argc) return error = "--max-file-mb needs a number", false;
      const std::string v = argv[++i];
      if (v.empty() || v.size() > 6 || !std::all_of(v.begin(), v.end(), ::isdigit) || v == "0") {
        return error = "--max-file-mb needs a whole number of MB between 1 and 999999", false;
      }
      args.limits.max_file_bytes = std::stoull(v) << 20;
      args.limits.max_unpacked_bytes = args.limits.max_file_bytes;
    } else if (a == "--shards" || a == "--jobs") {
      const std::string v = i + 1 < argc ? argv[++i] : "";
      if (v.empty() || v.size() > 3 || !std::all_of(v.begin(), v.end(), ::isdigit) || v == "0") {
        return error = a + " needs a whole number between 1 and 999", false;
      }
      (a == "--shards" ? args.shards : args.jobs) = std::stoul(v);
    } else if (a == "--passages") {
      args.passages = true;
    } else if (a.rfind("--", 0) == 0) {
      return error = "unknown option " + a, false;
    } else if (args.command.empty()) {
      args.command = a;
    } else {
      args.positional.push_back(a);
    }
  }
  return true;
}

// Progress: a bar redrawn in place on a terminal, one plain line per file otherwise (logs, CI).
coop::IndexOptions Options(const Args& args) {
  coop::IndexOptions options;
  options.limits = args.limits;
  options.shards = args.shards;
  options.jobs = args.jobs;
  const bool tty = ::isatty(STDOUT_FILENO) != 0;
  options.progress = [tty](const coop::ProgressEvent& e) {
    if (!tty) {
      std::cout << e.status << ' ' << e.source << (e.detail.empty() ? "" : ": ") << e.detail
                << std::endl;  // flushed: a supervisor reading the pipe sees each file at once
      return;
    }
    if (e.status == "failed")
      std::cout << "\r\033[K"
                << "failed " << e.source << ": " << e.detail << '\n';
    constexpr int kWidth = 30;
    const int filled = e.total ? static_cast<int>(kWidth * e.done / e.total) : kWidth;
    std::cout << "\r\033[K[" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] " << e.done
              << '/' << e.total << ' ' << e.source.substr(0, 40) << std::flush;
    if (e.done == e.total) std::cout << "\r\033[K" << std::flush;
  };
  return options;
}

int Report(const coop::IndexReport& r) {
  const double mb = static_cast<double>(r.bytes) / 1e6;
  std::cout << std::fixed << std::setprecision(2) << "summary: " << r.files << " files, "
            << r.records << " records, " << r.passages << " passages, " << r.terms << " terms, "
            << mb << " MB in " << r.seconds << " s (" << (r.seconds > 0 ? mb / r.seconds : 0)
            << " MB/s); " << r.unchanged << " unchanged, " << r.removed << " removed, "
            << r.errors.size() << " failed" << std::endl;
  for (const std::string& e : r.errors) std::cerr << "coop-index: failed: " << e << '\n';
  return r.errors.empty() ? 0 : 1;
}

void PrintRecord(Poco::JSON::Object& json, const std::vector<coop::Passage>* passages) {
  if (passages) {
    Poco::JSON::Array list;
    for (const coop::Passage& p : *passages) {
      Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
      o.set("id", p.id);
      o.set("page", p.page);
      o.set("heading", p.heading);
      o.set("begin", static_cast<Poco::UInt64>(p.begin));
      o.set("end", static_cast<Poco::UInt64>(p.end));
      o.set("text", p.text);
      list.add(o);
    }
    json.set("passages", list);
  }
  json.stringify(std::cout);
  std::cout << '\n';
}

// What extraction knows of a record that the index does not store: the style whose segmenter
// made it, where each field came from (Record::sources: "sidecar", "manifest",
// "segmenter:<style>", "pattern", "gazetteer", "thesaurus") and the places no gazetteer knows
// (Record::unverified_places), so that `inspect FILE` shows what was extracted and from where.
void AddExtractionFacts(const coop::Record& r, Poco::JSON::Object& json) {
  json.set("style", r.style);
  Poco::JSON::Object sources;
  for (const auto& [field, source] : r.sources) sources.set(field, source);
  json.set("sources", sources);
  Poco::JSON::Array unverified;
  for (const std::string& place : r.unverified_places) unverified.add(place);
  json.set("unverified_places", unverified);
}

int InspectFiles(const Args& args) {
  int status = 0;
  for (const std::string& arg : args.positional) {
    std::vector<std::string> paths{arg};
    std::string folder = fs::is_directory(arg) ? arg : fs::path(arg).parent_path().string();
    if (folder.empty()) folder = ".";
    if (fs::is_directory(arg)) {
      paths.clear();
      for (const std::string& f : coop::ListSourceFiles(arg)) paths.push_back(folder + "/" + f);
    }
    const std::string manifest_path = folder + "/manifest.json";
    const coop::Manifest manifest =
        fs::exists(manifest_path) ? coop::LoadManifest(manifest_path) : coop::Manifest{};
    for (const std::string& path : paths) {
      try {
        for (const coop::Record& r : coop::ReadRecords(path, manifest, args.limits)) {
          Poco::JSON::Object json = coop::RecordToJson(r);
          AddExtractionFacts(r, json);
          PrintRecord(json, args.passages ? &r.passages : nullptr);
        }
      } catch (const std::exception& e) {
        std::cerr << "coop-index: failed: " << fs::path(path).filename().string() << ": "
                  << e.what() << '\n';
        status = 1;
      }
    }
  }
  return status;
}

int InspectIndex(const Args& args) {
  const Xapian::Database db = coop::OpenIndex(args.index);
  const std::string kind = coop::schema::Term(coop::schema::kDocType, coop::schema::kDocTypeRecord);
  Xapian::Query query(kind);
  if (!args.positional.empty()) {
    std::vector<Xapian::Query> sources;
    for (const std::string& id : args.positional) {
      sources.emplace_back(coop::schema::Term(coop::schema::kSource, id));
    }
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_OR, sources.begin(), sources.end()));
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_sort_by_value(coop::schema::kSlotOrder, false);
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount() + 1);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const coop::StoredRecord stored = coop::DecodeRecord(it.get_document().get_data());
    coop::Record r = coop::FromStored(stored);
    // The passages, in their record's order, from their stored values.
    std::map<std::size_t, coop::Passage> ordered;
    const std::string rec = coop::schema::Term(coop::schema::kRecord, r.id);
    for (auto p = db.postlist_begin(rec); args.passages && p != db.postlist_end(rec); ++p) {
      const std::string value = db.get_document(*p).get_value(coop::schema::kSlotPassage);
      coop::PassageValue v;
      if (!coop::DecodePassageValue(value, v)) {
        throw coop::IndexFormatError("malformed passage value in document " + std::to_string(*p));
      }
      ordered[v.index] = {
          std::string(v.id), std::string(v.heading), std::string(v.text), v.begin, v.end, v.page};
    }
    for (auto& [index, passage] : ordered) r.passages.push_back(std::move(passage));
    Poco::JSON::Object json = coop::RecordToJson(r);
    json.set("passages", static_cast<Poco::UInt64>(stored.passages));  // replaced if listed
    PrintRecord(json, args.passages ? &r.passages : nullptr);
  }
  return mset.empty() && !args.positional.empty() ? 1 : 0;
}

int Stats(const Args& args) {
  const coop::IndexStats s = coop::ReadIndexStats(args.index);
  std::cout << "index: " << args.index
            << (s.generation.empty() ? "" : " (generation " + s.generation + ")") << '\n'
            << "files: " << s.files << "\nrecords: " << s.records << "\npassages: " << s.passages
            << "\nterms: " << s.terms << " distinct (" << s.postings << " postings)\n"
            << std::fixed << std::setprecision(2)
            << "size: " << static_cast<double>(s.disk_bytes) / 1e6 << " MB\n";
  return 0;
}

int Run(const Args& args) {
  const std::string& c = args.command;
  const std::size_t n = args.positional.size();
  if (c == "inspect") {
    if (!args.index.empty()) return InspectIndex(args);
    if (n == 0) return Usage("inspect needs FILE|DIR or --index DIR", c);
    return InspectFiles(args);
  }
  if (args.index.empty()) return Usage("--index DIR is required", c);
  if (c == "build") {
    if (n != 1) return Usage("build needs exactly one CORPUS_DIR", c);
    return Report(coop::BuildIndex(args.positional[0], args.index, Options(args)));
  }
  if (c == "update") {
    if (n != 1) return Usage("update needs exactly one CORPUS_DIR", c);
    return Report(coop::UpdateIndex(args.positional[0], args.index, Options(args)));
  }
  if (c == "add") {
    if (n == 0) return Usage("add needs at least one FILE", c);
    return Report(coop::AddFiles(args.positional, args.index, Options(args)));
  }
  if (c == "remove") {
    if (n == 0) return Usage("remove needs at least one SOURCE_ID", c);
    return Report(coop::RemoveSources(args.positional, args.index, Options(args)));
  }
  if (c == "stats") {
    if (n != 0) return Usage("stats takes no arguments", c);
    return Stats(args);
  }
  return Usage("unknown command " + c);
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  std::string error;
  if (!ParseArgs(argc, argv, args, error)) return Usage(error);
  if (args.help) {
    const auto it = kCommandHelp.find(args.command);
    std::cout << (it == kCommandHelp.end() ? kUsage : it->second);
    return 0;
  }
  if (args.command.empty()) return Usage("no command given");
  try {
    return Run(args);
  } catch (const coop::IndexLockedError& e) {
    std::cerr << "coop-index: " << e.what() << '\n';
  } catch (const Xapian::DatabaseLockError& e) {
    std::cerr << "coop-index: index is locked by another writer: " << args.index << '\n';
  } catch (const Xapian::Error& e) {
    std::cerr << "coop-index: " << e.get_description() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "coop-index: " << e.what() << '\n';
  }
  return 3;
}
