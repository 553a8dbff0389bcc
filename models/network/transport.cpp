#include "models/network/transport.hpp"

namespace tsunagu {

const char* connectionSetupName(ConnectionSetup setup) {
  switch (setup) {
    case ConnectionSetup::Persistent:
      return "persistent";
    case ConnectionSetup::Tcp:
      return "tcp";
    case ConnectionSetup::Tls13:
      return "tls1.3";
    case ConnectionSetup::Tls12:
      return "tls1.2";
  }
  return "?";
}

std::optional<ConnectionSetup> parseConnectionSetup(const std::string& name) {
  for (auto setup : {ConnectionSetup::Persistent, ConnectionSetup::Tcp, ConnectionSetup::Tls13,
                     ConnectionSetup::Tls12})
    if (name == connectionSetupName(setup)) return setup;
  return std::nullopt;
}

int setupRoundTrips(ConnectionSetup setup) {
  switch (setup) {
    case ConnectionSetup::Persistent:
      return 0;
    case ConnectionSetup::Tcp:
      return 1;
    case ConnectionSetup::Tls13:
      return 2;
    case ConnectionSetup::Tls12:
      return 3;
  }
  return 0;
}

const char* queueDisciplineName(QueueDiscipline discipline) {
  return discipline == QueueDiscipline::DropTail ? "droptail" : "fq-codel";
}

}  // namespace tsunagu
