// The indexing speed Xapian itself reaches on this machine, as a ceiling for coop-index (issue 7
// asks for 10 MB/s on one core). Indexes every file of a corpus directory the plainest way:
// Xapian's own TermGenerator with its French stemmer, one document per blank-line paragraph,
// positions on (or off with --no-positions), the text as document data, DB_NO_SYNC, one commit.
// No records, no analyzer of ours, no facets: whatever coop-index does costs more than this.
//
//   xapian_ceiling CORPUS_DIR SCRATCH_DB [--no-positions]
// Prints "<paragraphs> paragraphs, <MB> MB in <s> s: <MB/s> MB/s". SCRATCH_DB is overwritten.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: xapian_ceiling CORPUS_DIR SCRATCH_DB [--no-positions]\n");
    return 2;
  }
  const bool positions = !(argc > 3 && std::strcmp(argv[3], "--no-positions") == 0);
  Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("french"));
  std::size_t bytes = 0, paragraphs = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    bytes += text.size();
    for (std::size_t pos = 0; pos < text.size();) {
      std::size_t end = text.find("\n\n", pos);
      if (end == std::string::npos) end = text.size();
      const std::string paragraph = text.substr(pos, end - pos);
      Xapian::Document doc;
      generator.set_document(doc);
      if (positions) {
        generator.index_text(paragraph);
      } else {
        generator.index_text_without_positions(paragraph);
      }
      doc.set_data(paragraph);
      db.add_document(doc);
      ++paragraphs;
      pos = end + 2;
    }
  }
  db.commit();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu paragraphs, %.2f MB in %.2f s: %.2f MB/s\n", paragraphs, bytes / 1e6, s,
              bytes / 1e6 / s);
  return 0;
}
