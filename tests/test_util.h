// Helpers shared by the tests: the real corpus, temporary directories.
#ifndef COOP_TESTS_TEST_UTIL_H_
#define COOP_TESTS_TEST_UTIL_H_

#include <string>

namespace coop::testing {

/// Absolute path of the project's corpus/ folder (the real documents).
std::string CorpusDir();

/// Reads a corpus file by name; aborts the test binary if missing.
std::string ReadCorpusFile(const std::string& name);

/// Creates a fresh empty directory under the system temp dir and returns its path.
/// The directory is removed by the returned object's destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace coop::testing

#endif  // COOP_TESTS_TEST_UTIL_H_
