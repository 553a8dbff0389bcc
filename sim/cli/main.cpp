#include "sim/cli/app.hpp"

int main(int argc, char** argv) {
  return tsunagu::cli::runApp(argc, argv);
}
