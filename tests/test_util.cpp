#include "test_util.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace coop::testing {
namespace fs = std::filesystem;

std::string CorpusDir() { return COOP_CORPUS_DIR; }

std::string ReadCorpusFile(const std::string& name) {
  std::ifstream in(fs::path(CorpusDir()) / name, std::ios::binary);
  if (!in) {
    std::cerr << "missing corpus file " << name << '\n';
    std::abort();
  }
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "coopsearch-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) std::abort();
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace coop::testing
