#!/usr/bin/env python3
"""tools/check_layers.py can fail: on a tiny fake tree where models/ includes sim/ (and HDF5 and
SimGrid turn up where they may not, an engine includes the other, the scenario reader an engine),
it exits 1 and names each file, line and rule.

Usage: test_check_layers.py SOURCE_DIR
"""

import os
import subprocess
import sys
import tempfile


def write(root, relative, text):
    path = os.path.join(root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def check(script, root):
    done = subprocess.run([sys.executable, script, root], capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def main(source_dir):
    script = os.path.join(source_dir, "tools", "check_layers.py")
    with tempfile.TemporaryDirectory(prefix="tsunagu-layers-") as root:
        # Allowed: SimGrid in sim/des/simgrid/, HDF5 in sim/io/results/, the core in an engine.
        write(root, "sim/des/simgrid/net.cpp", "#include <simgrid/s4u.hpp>\n")
        write(root, "sim/io/results/h5.cpp",
              '#include <hdf5.h>\n#include "sim/io/results/hdf5_file.hpp"\n')
        write(root, "sim/des/engine/e.hpp", '#include "sim/core/route_set.hpp"\n')
        code, output = check(script, root)
        assert code == 0, f"a clean tree should pass, got {code}:\n{output}"

        write(root, "models/x.hpp", '#pragma once\n#include "sim/foo.hpp"\n')
        write(root, "sim/sizing/s.cpp", "#include <hdf5.h>\n")
        write(root, "sim/cli/c.cpp", "#include <simgrid/s4u.hpp>\n")
        write(root, "sim/des/engine/d.hpp", '#include "sim/analytic/state_loads.hpp"\n')
        write(root, "sim/io/input/i.cpp", '#include "sim/des/engine/window_simulation.hpp"\n')
        write(root, "sim/study/u.cpp", '#include "sim/io/results/results_file.hpp"\n')
        code, output = check(script, root)
        print(output, end="")
        assert code == 1, f"models/ including sim/ should fail, got {code}:\n{output}"
        assert 'models/x.hpp:2: includes "sim/foo.hpp" (rule: ' in output, output
        assert "sim/sizing/s.cpp:1: includes <hdf5.h> (rule: " in output, output
        assert "sim/cli/c.cpp:1: includes <simgrid/s4u.hpp> (rule: " in output, output
        assert 'sim/des/engine/d.hpp:1: includes "sim/analytic/state_loads.hpp"' in output, output
        assert 'sim/io/input/i.cpp:1: includes "sim/des/engine/window_simulation.hpp"' in output
        assert 'sim/study/u.cpp:1: includes "sim/io/results/results_file.hpp"' in output, output
        assert "6 violation(s)" in output, output
    print("check_layers.py catches a violation")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
