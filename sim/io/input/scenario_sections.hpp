#pragma once

// Readers for the sections of a scenario document; each fills its part of the Scenario and
// throws InputError at the offending node. Shared by scenario_loader.cpp and
// scenario_overrides.cpp only.

#include "models/scenario/scenario.hpp"
#include "sim/io/input/config_reader.hpp"

namespace tsunagu::io::sections {

void readTopology(const ConfigNode& node, Scenario& scenario);
void readNetwork(const ConfigNode& node, Scenario& scenario);
// network.transport (or a service's transport: over the defaults) and network.queue.
void readTransport(const ConfigNode& node, const std::string& path, TransportSettings& settings);
void readQueue(const ConfigNode& node, Scenario& scenario);
void readIxCenters(const ConfigNode& node, Scenario& scenario);
void readRollout(const ConfigNode& node, Scenario& scenario);

// Overrides of the shipped default numbers.
void readFacilityCounts(const ConfigNode& node, Scenario& scenario);
void readTechnologies(const ConfigNode& node, Scenario& scenario);
void readLineMix(const ConfigNode& node, Scenario& scenario);
void readProfiles(const ConfigNode& node, Scenario& scenario);
void readServices(const ConfigNode& node, Scenario& scenario);
void readVolumes(const ConfigNode& node, Scenario& scenario);
void readAdoption(const ConfigNode& node, Scenario& scenario);
void readBedClasses(const ConfigNode& node, Scenario& scenario);
void readDataCenters(const ConfigNode& node, Scenario& scenario);
void readRegionalNetworks(const ConfigNode& node, Scenario& scenario);
void readPlanning(const ConfigNode& node, Scenario& scenario);
void readCosts(const ConfigNode& node, Scenario& scenario);
void readFailures(const ConfigNode& node, Scenario& scenario);
// After volumes and adoption: the keys it samples must exist.
void readUncertainty(const ConfigNode& node, Scenario& scenario);

FacilityKind readFacilityKind(const ConfigNode& node, const std::string& path);
std::string readServiceRef(const ConfigNode& node, const std::string& path,
                           const Scenario& scenario);
// Checks a service id written as a map key (key locations live outside the value node).
void checkServiceRef(const std::string& id, const SourceLocation& where, const std::string& path,
                     const Scenario& scenario);
void readCustomJoins(const ConfigNode& topologyNode, Scenario& scenario);
std::string readTechnologyRef(const ConfigNode& node, const std::string& path,
                              const Scenario& scenario, bool allowNone);

}  // namespace tsunagu::io::sections
