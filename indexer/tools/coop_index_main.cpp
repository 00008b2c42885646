// coop-index: the indexer command line. Exit codes: 0 ok, 1 some files failed, 2 usage error,
// 3 fatal error (manifest or index unusable).
#include <xapian.h>

#include <cstring>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "coop/index_builder.h"
#include "coop/schema.h"

namespace {

constexpr const char* kUsage =
    "usage: coop-index COMMAND [ARGS] --index DIR\n"
    "\n"
    "commands:\n"
    "  build CORPUS_DIR --index DIR   index every file of CORPUS_DIR into a fresh index at DIR,\n"
    "                                 switched in atomically (readers never see a partial index)\n"
    "  stats --index DIR              print document, record and passage counts\n"
    "\n"
    "exit codes: 0 ok, 1 some files failed (reported by name), 2 usage, 3 fatal error\n";

int Usage(const std::string& why) {
  if (!why.empty()) std::cerr << "coop-index: " << why << "\n\n";
  std::cerr << kUsage;
  return 2;
}

struct Args {
  std::string command;
  std::vector<std::string> positional;
  std::string index;
  bool help = false;
};

bool ParseArgs(int argc, char** argv, Args& args, std::string& error) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      args.help = true;
    } else if (a == "--index") {
      if (i + 1 >= argc) return error = "--index needs a directory", false;
      args.index = argv[++i];
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

int Build(const Args& args) {
  if (args.positional.size() != 1) return Usage("build needs exactly one CORPUS_DIR");
  coop::IndexReport r = coop::BuildIndex(args.positional[0], args.index, &std::cout);
  const double mb = static_cast<double>(r.bytes) / 1e6;
  std::cout << std::fixed << std::setprecision(2) << "summary: " << r.files << " files, "
            << r.records << " records, " << r.passages << " passages, " << mb << " MB in "
            << r.seconds << " s (" << (r.seconds > 0 ? mb / r.seconds : 0) << " MB/s), "
            << r.errors.size() << " failed\n";
  for (const std::string& e : r.errors) std::cerr << "coop-index: failed: " << e << '\n';
  return r.errors.empty() ? 0 : 1;
}

int Stats(const Args& args) {
  Xapian::Database db(args.index);
  const auto count = [&](std::string_view kind) {
    return db.get_termfreq(coop::schema::Term(coop::schema::kKind, kind));
  };
  std::cout << "documents: " << db.get_doccount() << "\nrecords: " << count(coop::schema::kKindRecord)
            << "\npassages: " << count(coop::schema::kKindPassage)
            << "\nterms: " << db.get_doclength_upper_bound() << " (max document length)\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  std::string error;
  if (!ParseArgs(argc, argv, args, error)) return Usage(error);
  if (args.help) {
    std::cout << kUsage;
    return 0;
  }
  if (args.command.empty()) return Usage("no command given");
  if (args.index.empty()) return Usage("--index DIR is required");
  try {
    if (args.command == "build") return Build(args);
    if (args.command == "stats") return Stats(args);
  } catch (const Xapian::Error& e) {
    std::cerr << "coop-index: " << e.get_description() << '\n';
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "coop-index: " << e.what() << '\n';
    return 3;
  }
  return Usage("unknown command " + args.command);
}
