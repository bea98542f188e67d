// The package-manager knowledge: ONE YAML document, the single place to add a
// manager, a subcommand, a flag or an environment variable. Rules never name
// a flag; they ask knowledge/package_managers.h, which reads this.
//
// Why a .cc and not a .yaml file: a raw string literal that is the data is
// one place to edit and still plain YAML between the two delimiter lines.
// The program never parses it: at build time dd-pmgen (tools/pmgen.cc)
// links this file, validates the document with load_package_managers() (an
// error fails the build as `package_managers_data.cc:LINE: message`) and
// compiles it into the table package_managers() returns; knowledge_data_test
// checks the table equals the document.
//
// Schema (validated by load_package_managers):
//   managers: list of
//     id, name, ecosystem          identifiers; id is unique
//     executables: [names]         Command::program(); a version suffix
//                                  (pip3.12, pnpm@9) is ignored when matching
//     wrapper: uv                  only when run through that wrapper (uv pip)
//     implied: {exe: subcommand}   an executable that is one subcommand (pip-compile)
//     default_subcommand: name     when no subcommand is given (bare `yarn`)
//     manifests, lockfiles: [file names]
//     cache: {dirs: [paths], env: [variables that move it], sharing: locked}
//                                  ~ is the user's home. The first dir is where a cache
//                                  mount goes; with `sharing` (the mount's sharing=,
//                                  for managers that lock their cache) every dir is
//                                  mounted
//     value_flags: [flags]         options that take the next word as value
//     project_dir_flags: [flags]   options naming the project directory
//     project:                     how it finds the project whose lockfile it reads:
//       markers: [files]           the nearest directory at or above the working
//                                  directory holding one is the project root
//       max_depth: N               directories searched, the working one included (0: up to /)
//       workspace: true            the lockfile may belong to a workspace root above the
//                                  project, so a lockfile in a parent directory may be used
//       env: [variables]           variables naming the project instead
//       lockfile_flags, lockfile_env: [...]  options / variables naming another lockfile
//     global_flags: [flags]        install outside any project (npm -g): no lockfile involved
//     config_set: "config set"     the words that change a setting (npm config set KEY VALUE)
//     pins: [markers]              an exact version in a package operand ("==")
//     flags: [flag spec]           apply to every subcommand
//     env: [env spec]              apply to every subcommand
//     config: [{file, key, value, effect, note}]   settings in project files
//     subcommands: list of
//       names: [name and aliases]; a two-word name ("mod download") is allowed
//       action: resolve | install | verify | refresh | run | other | remove | clean-cache
//               (clean-cache: empties the manager's download cache, e.g. `pip cache purge`)
//       default: frozen | unfrozen | frozen-if-lockfile   (install only)
//       packages: resolve | unfrozen   what naming packages on the command line makes it
//                                      (on a resolve subcommand: `resolve` marks one that adds them)
//       dev_default: true | false      whether dev dependencies are installed by default
//       source: manifests | project | root   (install only) what it reads from the project:
//                                      its manifests and lockfiles only (the default); the
//                                      source too, because it builds the project (go build);
//                                      or the manifests for the dependencies and the source
//                                      to install the project itself, which a `no-project`
//                                      flag leaves out (poetry install --no-root)
//       flags, env: as above; note: free text for rule messages
//   flag spec: {flag: --x, value: v, effect: e, takes_value: bool, deprecated: bool, note}
//     The first `frozen` flag of an install subcommand that is not
//     `deprecated` is the one rules suggest (and write into fixes).
//     `value` (optional) is what the flag must be given (--lockfile=false,
//     --omit dev); without it the bare flag matches, and so does
//     --flag=true/1/yes. takes_value: the flag's value is the next word
//     when not attached (-r requirements.txt).
//   env spec: {name, values: [...] | truthy | falsy, contains: text, effect,
//              ignore_case: bool, note}; no values and no contains: any
//              non-empty value.
//   effects: frozen (installs exactly the lockfile), unfrozen (may re-resolve
//     and rewrite it), resolve (writes the lockfile, installs nothing),
//     no-lockfile (neither reads nor writes one), frozen-if-pinned (frozen
//     when the file given pins every version), verify (only checks the
//     lockfile), dev, prod, no-cache, no-project (installs the dependencies
//     but not the project itself; its note says how to install the project
//     afterwards), project (installs the project from its source: pip -e .),
//     offline (downloads nothing: --offline, -mod=vendor).
#include <string_view>

namespace dd::knowledge {

extern const std::string_view kPackageManagersYaml;

const std::string_view kPackageManagersYaml = R"yaml(
managers:

# ---------------------------------------------------------------- Python
- id: pip
  name: pip
  ecosystem: python
  executables: [pip, pip3]
  manifests: [requirements.txt, pyproject.toml, setup.py, setup.cfg]
  lockfiles: []
  pins: ["==", "==="]
  cache:
    dirs: [~/.cache/pip]
    env: [PIP_CACHE_DIR, XDG_CACHE_HOME]
  value_flags: [-r, --requirement, -c, --constraint, -e, --editable, -i, --index-url,
                --extra-index-url, -f, --find-links, -t, --target, --prefix, --root,
                --platform, --python-version, --implementation, --abi, --src,
                --upgrade-strategy, --progress-bar, --log, --proxy, --retries, --timeout,
                --exists-action, --trusted-host, --cert, --client-cert, --cache-dir,
                --config-settings, -C, --global-option, --python, --report, -d, --dest,
                -w, --wheel-dir, --only-binary, --no-binary]
  flags:
    - {flag: --no-cache-dir, effect: no-cache}
  env:
    - {name: PIP_NO_CACHE_DIR, effect: no-cache, note: "pip reads any value but 0/false/no/off as set"}
  config:
    - {file: pip.conf, key: no-cache-dir, value: "true", effect: no-cache}
  subcommands:
    - names: [install]
      action: install
      default: unfrozen
      packages: unfrozen
      flags:
        - {flag: --require-hashes, effect: frozen, note: "every requirement must be pinned with a hash"}
        - {flag: -r, effect: frozen-if-pinned, takes_value: true}
        - {flag: --requirement, effect: frozen-if-pinned, takes_value: true}
        - {flag: -c, effect: frozen-if-pinned, takes_value: true}
        - {flag: --constraint, effect: frozen-if-pinned, takes_value: true}
        - {flag: -U, effect: unfrozen}
        - {flag: --upgrade, effect: unfrozen}
        - {flag: -e, effect: unfrozen, takes_value: true}
        - {flag: --editable, effect: unfrozen, takes_value: true}
        - {flag: -e, effect: project, takes_value: true}
        - {flag: --editable, effect: project, takes_value: true}
        - {flag: --no-index, effect: offline, note: "installs only from --find-links"}
      env:
        - {name: PIP_REQUIRE_HASHES, values: truthy, effect: frozen}
        - {name: PIP_NO_INDEX, values: truthy, effect: offline}
    - names: [download, wheel]
      action: install
      default: unfrozen
      packages: unfrozen
      flags:
        - {flag: --require-hashes, effect: frozen}
        - {flag: -r, effect: frozen-if-pinned, takes_value: true}
        - {flag: --requirement, effect: frozen-if-pinned, takes_value: true}
    - names: [uninstall]
      action: remove
    - names: ["cache purge", "cache remove"]
      action: clean-cache
    - names: [list, show, freeze, check, config, cache, debug, hash, inspect, index, search, help]
      action: other

- id: uv-pip
  name: uv pip
  ecosystem: python
  executables: [pip]
  wrapper: uv
  manifests: [requirements.txt, requirements.in, pyproject.toml]
  lockfiles: []
  pins: ["==", "==="]
  cache:
    dirs: [~/.cache/uv]
    env: [UV_CACHE_DIR, XDG_CACHE_HOME]
  value_flags: [-r, --requirement, -c, --constraint, -e, --editable, -i, --index-url, --index,
                --extra-index-url, --default-index, -f, --find-links, -t, --target, --prefix,
                -p, --python, --python-version, --python-platform, --cache-dir, --directory,
                --project, --config-file, -o, --output-file, --override, -P, --upgrade-package,
                --resolution, --prerelease, --exclude-newer, --color, --index-strategy,
                --keyring-provider, --link-mode, -C, --config-setting, --extra, --group]
  flags:
    - {flag: --no-cache, effect: no-cache}
    - {flag: -n, effect: no-cache}
    - {flag: --offline, effect: offline}
  env:
    - {name: UV_NO_CACHE, values: truthy, effect: no-cache}
    - {name: UV_OFFLINE, values: truthy, effect: offline}
  subcommands:
    - names: [install]
      action: install
      default: unfrozen
      packages: unfrozen
      flags:
        - {flag: --require-hashes, effect: frozen}
        - {flag: -r, effect: frozen-if-pinned, takes_value: true}
        - {flag: --requirement, effect: frozen-if-pinned, takes_value: true}
        - {flag: -c, effect: frozen-if-pinned, takes_value: true}
        - {flag: --constraint, effect: frozen-if-pinned, takes_value: true}
        - {flag: -U, effect: unfrozen}
        - {flag: --upgrade, effect: unfrozen}
        - {flag: -e, effect: project, takes_value: true}
        - {flag: --editable, effect: project, takes_value: true}
      env:
        - {name: UV_REQUIRE_HASHES, values: truthy, effect: frozen}
    - names: [sync]
      action: install
      default: frozen
      note: "installs exactly the requirements file given"
    - names: [compile]
      action: resolve
    - names: [uninstall]
      action: remove
    - names: [list, show, freeze, check, tree]
      action: other

- id: uv
  name: uv
  ecosystem: python
  executables: [uv]
  manifests: [pyproject.toml, uv.toml]
  lockfiles: [uv.lock]
  cache:
    dirs: [~/.cache/uv]
    env: [UV_CACHE_DIR, XDG_CACHE_HOME]
  value_flags: [--cache-dir, --directory, --project, --config-file, --color, -p, --python,
                --python-preference, --allow-insecure-host, --index, --default-index, -i,
                --index-url, --extra-index-url, -f, --find-links, --extra, --group, --only-group,
                --no-group, -P, --upgrade-package, --package, --resolution, --prerelease,
                --exclude-newer, --link-mode, --index-strategy, --keyring-provider, -C,
                --config-setting, --with, --with-requirements, --env-file, --script,
                --no-install-package, --reinstall-package, -o, --output-file, --format]
  project_dir_flags: [--directory, --project]
  project: {markers: [pyproject.toml], workspace: true, env: [UV_PROJECT]}
  flags:
    - {flag: --no-cache, effect: no-cache}
    - {flag: -n, effect: no-cache}
    - {flag: --offline, effect: offline}
  env:
    - {name: UV_NO_CACHE, values: truthy, effect: no-cache}
    - {name: UV_OFFLINE, values: truthy, effect: offline}
  subcommands:
    - names: [sync]
      action: install
      default: unfrozen
      dev_default: true
      source: root
      flags:
        - {flag: --no-install-project, effect: no-project, note: "then, after copying the source, `uv sync` again installs the project alone"}
        - {flag: --no-install-workspace, effect: no-project, note: "then, after copying the source, `uv sync` again installs the workspace's projects alone"}
        - {flag: --locked, effect: frozen, note: "fails when uv.lock is out of date"}
        - {flag: --frozen, effect: frozen, note: "installs uv.lock without checking it"}
        - {flag: --no-dev, effect: prod}
        - {flag: --only-dev, effect: dev}
        - {flag: --dev, effect: dev}
        - {flag: --all-groups, effect: dev}
        - {flag: --group, value: dev, effect: dev}
        - {flag: --no-default-groups, effect: prod}
      env:
        - {name: UV_FROZEN, values: truthy, effect: frozen}
        - {name: UV_LOCKED, values: truthy, effect: frozen}
        - {name: UV_NO_DEV, values: truthy, effect: prod}
    - names: [run]
      action: install
      default: unfrozen
      dev_default: true
      note: "uv run locks and syncs the project before running"
      source: project
      flags:
        - {flag: --locked, effect: frozen}
        - {flag: --frozen, effect: frozen}
        - {flag: --no-dev, effect: prod}
      env:
        - {name: UV_FROZEN, values: truthy, effect: frozen}
        - {name: UV_LOCKED, values: truthy, effect: frozen}
    - names: [lock]
      action: resolve
      flags:
        - {flag: --check, effect: verify}
        - {flag: --locked, effect: verify}
        - {flag: --check-exists, effect: verify}
    - names: [add]
      action: resolve
      packages: resolve
      flags:
        - {flag: --frozen, effect: no-lockfile, note: "edits pyproject.toml without locking"}
    - names: [remove]
      action: resolve
      flags:
        - {flag: --frozen, effect: no-lockfile, note: "edits pyproject.toml without locking"}
    - names: [export]
      action: other
    - names: ["cache clean", "cache prune"]
      action: clean-cache
    - names: [tool, python, venv, init, tree, version, build, publish, self, cache, help, pip]
      action: other

- id: pdm
  name: PDM
  ecosystem: python
  executables: [pdm]
  manifests: [pyproject.toml]
  lockfiles: [pdm.lock]
  cache:
    dirs: [~/.cache/pdm]
    env: [PDM_CACHE_DIR, XDG_CACHE_HOME]
  value_flags: [-p, --project, -L, --lockfile, -G, --group, --without, -k, --skip,
                --venv, -S, --strategy, --update-reuse-installed, -c, --config-setting,
                --exclude-newer, --python, --override, -o, --output, -f, --format]
  project_dir_flags: [-p, --project]
  project: {markers: [pyproject.toml], max_depth: 5, env: [PDM_PROJECT], lockfile_flags: [-L, --lockfile],
            lockfile_env: [PDM_LOCKFILE]}
  global_flags: [-g, --global]
  flags:
    - {flag: --no-cache, effect: no-cache}
  env:
    - {name: PDM_NO_CACHE, values: truthy, effect: no-cache}
  subcommands:
    - names: [install]
      action: install
      default: unfrozen
      dev_default: true
      note: "pdm install re-locks when pyproject.toml changed; pdm sync never locks"
      source: root
      flags:
        - {flag: --no-self, effect: no-project, note: "then, after copying the source, `pdm install` again installs the project alone"}
        - {flag: --frozen-lockfile, effect: frozen}
        - {flag: --no-lock, effect: frozen, note: "an alias of --frozen-lockfile: the lockfile is not updated"}
        - {flag: --check, effect: frozen, note: "fails when the lockfile is out of date"}
        - {flag: -d, effect: dev}
        - {flag: --dev, effect: dev}
        - {flag: -G, value: dev, effect: dev, takes_value: true}
        - {flag: --group, value: dev, effect: dev, takes_value: true}
        - {flag: -G, value: ":all", effect: dev, takes_value: true}
        - {flag: --prod, effect: prod}
        - {flag: --production, effect: prod}
      env:
        - {name: PDM_FROZEN_LOCKFILE, values: truthy, effect: frozen}
    - names: [sync]
      action: install
      default: frozen
      dev_default: true
      source: root
      flags:
        - {flag: --no-self, effect: no-project, note: "then, after copying the source, `pdm sync` again installs the project alone"}
        - {flag: -d, effect: dev}
        - {flag: --dev, effect: dev}
        - {flag: -G, value: dev, effect: dev, takes_value: true}
        - {flag: --prod, effect: prod}
        - {flag: --production, effect: prod}
    - names: [lock]
      action: resolve
      flags:
        - {flag: --check, effect: verify}
    - names: [add]
      action: resolve
      packages: resolve
      flags:
        - {flag: --frozen-lockfile, effect: no-lockfile}
        - {flag: --no-lock, effect: no-lockfile}
    - names: [remove, update]
      action: resolve
      flags:
        - {flag: --frozen-lockfile, effect: no-lockfile}
        - {flag: --no-lock, effect: no-lockfile}
    - names: [run]
      action: run
    - names: ["cache clear", "cache remove"]
      action: clean-cache
    - names: [export, list, show, info, config, build, publish, init, use, venv, cache, self, outdated, fix, search, import, completion, plugin, python, py]
      action: other

- id: poetry
  name: Poetry
  ecosystem: python
  executables: [poetry]
  manifests: [pyproject.toml]
  lockfiles: [poetry.lock]
  cache:
    dirs: [~/.cache/pypoetry]
    env: [POETRY_CACHE_DIR, XDG_CACHE_HOME]
  value_flags: [-C, --directory, -P, --project, --with, --without, --only, -E, --extras,
                --source, -G, --group, -o, --output, -f, --format]
  project_dir_flags: [-C, --directory, -P, --project]
  project: {markers: [pyproject.toml]}
  flags:
    - {flag: --no-cache, effect: no-cache}
  subcommands:
    - names: [install]
      action: install
      default: frozen-if-lockfile
      dev_default: true
      note: "poetry install uses poetry.lock when present and resolves (writing it) when not"
      source: root
      flags:
        - {flag: --no-root, effect: no-project, note: "then, after copying the source, `poetry install --only-root` installs the project alone"}
        - {flag: --only-root, effect: project}
        - {flag: --only, value: main, effect: prod, takes_value: true}
        - {flag: --without, value: dev, effect: prod, takes_value: true}
        - {flag: --no-dev, effect: prod}
        - {flag: --with, value: dev, effect: dev, takes_value: true}
        - {flag: --only, value: dev, effect: dev, takes_value: true}
    - names: [sync]
      action: install
      default: frozen-if-lockfile
      dev_default: true
      source: root
      flags:
        - {flag: --no-root, effect: no-project, note: "then, after copying the source, `poetry install --only-root` installs the project alone"}
        - {flag: --only, value: main, effect: prod, takes_value: true}
        - {flag: --without, value: dev, effect: prod, takes_value: true}
        - {flag: --with, value: dev, effect: dev, takes_value: true}
    - names: [lock]
      action: resolve
      flags:
        - {flag: --check, effect: verify}
    - names: [add]
      action: resolve
      packages: resolve
    - names: [remove, update]
      action: resolve
    - names: [check]
      action: verify
    - names: [run]
      action: run
    - names: ["cache clear"]
      action: clean-cache
    - names: [export, show, build, publish, init, new, config, env, self, version, search, cache, source, debug, about, list, shell, help]
      action: other

- id: pipenv
  name: Pipenv
  ecosystem: python
  executables: [pipenv]
  manifests: [Pipfile]
  lockfiles: [Pipfile.lock]
  project: {markers: [Pipfile], max_depth: 3, env: [PIPENV_PIPFILE]}
  cache:
    dirs: [~/.cache/pipenv]
    env: [PIPENV_CACHE_DIR]
  value_flags: [--python, --categories, -r, --requirements, --extra-pip-args, --pypi-mirror]
  subcommands:
    - names: [install]
      action: install
      default: unfrozen
      packages: resolve
      dev_default: false
      note: "pipenv install re-locks when Pipfile.lock is missing or out of date"
      flags:
        - {flag: --deploy, effect: frozen, note: "fails when Pipfile.lock is out of date"}
        - {flag: --ignore-pipfile, effect: frozen, note: "installs from Pipfile.lock only"}
        - {flag: --skip-lock, effect: no-lockfile}
        - {flag: -d, effect: dev}
        - {flag: --dev, effect: dev}
      env:
        - {name: PIPENV_SKIP_LOCK, values: truthy, effect: no-lockfile}
    - names: [sync]
      action: install
      default: frozen
      dev_default: false
      flags:
        - {flag: -d, effect: dev}
        - {flag: --dev, effect: dev}
    - names: [lock, update, upgrade, uninstall]
      action: resolve
    - names: [verify]
      action: verify
    - names: [run]
      action: run
    - names: [requirements, graph, check, clean, shell, open, scripts]
      action: other

- id: pip-tools
  name: pip-tools
  ecosystem: python
  executables: [pip-compile, pip-sync]
  implied: {pip-compile: compile, pip-sync: sync}
  manifests: [requirements.in, pyproject.toml, setup.py]
  lockfiles: [requirements.txt]
  cache:
    dirs: [~/.cache/pip, ~/.cache/pip-tools]
    env: [PIP_CACHE_DIR]
  value_flags: [-o, --output-file, --extra, -P, --upgrade-package, -c, --constraint,
                -i, --index-url, --extra-index-url, -f, --find-links, --cache-dir,
                --pip-args, --python-executable]
  subcommands:
    - names: [compile]
      action: resolve
    - names: [sync]
      action: install
      default: frozen

- id: conda
  name: conda / mamba / micromamba
  ecosystem: conda
  executables: [conda, mamba, micromamba]
  manifests: [environment.yml, environment.yaml]
  lockfiles: [conda-lock.yml, explicit.txt]
  pins: ["==", "="]
  cache:
    dirs: [/opt/conda/pkgs, ~/.conda/pkgs, ~/micromamba/pkgs]
    env: [CONDA_PKGS_DIRS, MAMBA_ROOT_PREFIX]
  value_flags: [-n, --name, -p, --prefix, -c, --channel, -f, --file, --override-channels,
                -r, --root-prefix]
  subcommands:
    - names: [install, create, update, upgrade, "env create", "env update"]
      action: install
      default: unfrozen
      packages: unfrozen
      flags:
        - {flag: --file, effect: frozen-if-pinned, takes_value: true, note: "frozen for an @EXPLICIT file or a lock"}
        - {flag: -f, effect: frozen-if-pinned, takes_value: true}
    - names: [remove, uninstall]
      action: remove
    - names: [clean]
      action: clean-cache
    - names: [list, info, config, activate, run, search, init, shell, "env export", "env list", "env remove"]
      action: other

- id: conda-lock
  name: conda-lock
  ecosystem: conda
  executables: [conda-lock]
  default_subcommand: lock
  manifests: [environment.yml, environment.yaml, pyproject.toml]
  lockfiles: [conda-lock.yml]
  cache:
    dirs: [/opt/conda/pkgs]
    env: [CONDA_PKGS_DIRS]
  value_flags: [-f, --file, -p, --platform, -c, --channel, --lockfile, -n, --name, --prefix, -k, --kind]
  subcommands:
    - names: [lock]
      action: resolve
    - names: [install]
      action: install
      default: frozen
    - names: [render]
      action: other

# ---------------------------------------------------------------- JavaScript
- id: npm
  name: npm
  ecosystem: javascript
  executables: [npm]
  manifests: [package.json]
  lockfiles: [package-lock.json, npm-shrinkwrap.json]
  cache:
    dirs: [~/.npm]
    env: [npm_config_cache]
  value_flags: [--prefix, -C, -w, --workspace, --omit, --include, --only, --also, --cache,
                --registry, --userconfig, --globalconfig, --loglevel, --install-strategy,
                --tag, --otp, --script-shell]
  project_dir_flags: [--prefix, -C]
  project: {markers: [package.json], workspace: true}
  global_flags: [-g, --global]
  config_set: config set
  config:
    - {file: .npmrc, key: package-lock, value: "false", effect: no-lockfile}
  flags:
    - {flag: --offline, effect: offline}
  env:
    - {name: npm_config_offline, values: truthy, effect: offline, ignore_case: true}
  subcommands:
    - names: [ci, clean-install, ic, install-clean, isntall-clean]
      action: install
      default: frozen
      dev_default: true
      flags:
        - {flag: --omit, value: dev, effect: prod, takes_value: true}
        - {flag: --production, effect: prod}
        - {flag: --only, value: prod, effect: prod, takes_value: true}
        - {flag: --only, value: production, effect: prod, takes_value: true}
        - {flag: --include, value: dev, effect: dev, takes_value: true}
        - {flag: --also, value: dev, effect: dev, takes_value: true}
        - {flag: --production, value: "false", effect: dev}
      env:
        - {name: NODE_ENV, values: [production], effect: prod, note: "npm omits devDependencies when NODE_ENV=production"}
        - {name: NODE_ENV, values: [development], effect: dev, note: "installs devDependencies and marks the image as a development one"}
        - {name: npm_config_omit, contains: dev, effect: prod, ignore_case: true}
        - {name: npm_config_production, values: truthy, effect: prod, ignore_case: true}
        - {name: npm_config_include, contains: dev, effect: dev, ignore_case: true}
    - names: [install, i, in, ins, inst, insta, instal, isnt, isnta, isntal, isntall, add]
      action: install
      default: unfrozen
      packages: resolve
      dev_default: true
      flags:
        - {flag: --package-lock, value: "false", effect: no-lockfile}
        - {flag: --no-package-lock, effect: no-lockfile}
        - {flag: --package-lock-only, effect: resolve}
        - {flag: --omit, value: dev, effect: prod, takes_value: true}
        - {flag: --production, effect: prod}
        - {flag: --only, value: prod, effect: prod, takes_value: true}
        - {flag: --only, value: production, effect: prod, takes_value: true}
        - {flag: --include, value: dev, effect: dev, takes_value: true}
        - {flag: --also, value: dev, effect: dev, takes_value: true}
        - {flag: --production, value: "false", effect: dev}
      env:
        - {name: npm_config_package_lock, values: falsy, effect: no-lockfile, ignore_case: true}
        - {name: npm_config_package_lock_only, values: truthy, effect: resolve, ignore_case: true}
        - {name: NODE_ENV, values: [production], effect: prod}
        - {name: NODE_ENV, values: [development], effect: dev}
        - {name: npm_config_omit, contains: dev, effect: prod, ignore_case: true}
        - {name: npm_config_production, values: truthy, effect: prod, ignore_case: true}
        - {name: npm_config_include, contains: dev, effect: dev, ignore_case: true}
    - names: [update, up, upgrade, udpate, uninstall, remove, rm, un, unlink, r, dedupe, ddp]
      action: resolve
    - names: [run, run-script, rum, urn, start, test, t, tst, restart, stop]
      action: run
    - names: ["cache clean", "cache clear", "cache rm"]
      action: clean-cache
    - names: [cache, config, c, set, get, audit, ls, list, pack, publish, prune, rebuild, rb, version, view, info, init, create, link, ln, outdated, exec, x, explain, why, help, doctor, login, logout, whoami, pkg, query, sbom, fund, token, owner, access, team, shrinkwrap, completion, root, bin, bugs, docs, edit, explore, find-dupes, hook, org, ping, prefix, profile, repo, search, star, stars, unpublish, unstar, diff, dist-tag, deprecate]
      action: other

- id: pnpm
  name: pnpm
  ecosystem: javascript
  executables: [pnpm]
  manifests: [package.json, pnpm-workspace.yaml]
  lockfiles: [pnpm-lock.yaml]
  cache:
    dirs: [~/.local/share/pnpm/store, /pnpm/store, ~/.cache/pnpm]
    env: [npm_config_store_dir, PNPM_HOME, XDG_DATA_HOME]
  value_flags: [-C, --dir, -w, --filter, -F, --filter-prod, --store-dir, --virtual-store-dir,
                --modules-dir, --reporter, --loglevel, --registry, --lockfile-dir,
                --config-dir, --workspace-concurrency, --network-concurrency,
                --child-concurrency, --node-linker, --package-import-method,
                --resolution-mode, --lockfile]
  project_dir_flags: [-C, --dir]
  project: {markers: [package.json], workspace: true, lockfile_flags: [--lockfile-dir]}
  global_flags: [-g, --global]
  config_set: config set
  config:
    - {file: .npmrc, key: lockfile, value: "false", effect: no-lockfile}
    - {file: .npmrc, key: package-lock, value: "false", effect: no-lockfile, note: "pnpm before 11 reads package-lock=false as lockfile=false"}
    - {file: .npmrc, key: frozen-lockfile, value: "true", effect: frozen}
    - {file: pnpm-workspace.yaml, key: lockfile, value: "false", effect: no-lockfile}
  env:
    - {name: npm_config_lockfile, values: falsy, effect: no-lockfile, ignore_case: true}
    - {name: pnpm_config_lockfile, values: falsy, effect: no-lockfile, ignore_case: true}
  flags:
    - {flag: --offline, effect: offline}
  subcommands:
    - names: [install, i]
      action: install
      default: unfrozen
      packages: resolve
      dev_default: true
      note: "pnpm defaults to --frozen-lockfile only when it detects CI"
      flags:
        - {flag: --frozen-lockfile, effect: frozen}
        - {flag: --frozen-lockfile, value: "false", effect: unfrozen}
        - {flag: --no-frozen-lockfile, effect: unfrozen}
        - {flag: --prefer-frozen-lockfile, effect: unfrozen, note: "uses the lockfile only when it still satisfies package.json"}
        - {flag: --lockfile-only, effect: resolve}
        - {flag: --lockfile, value: "false", effect: no-lockfile}
        - {flag: --no-lockfile, effect: no-lockfile}
        - {flag: --prod, effect: prod}
        - {flag: -P, effect: prod}
        - {flag: --production, effect: prod}
        - {flag: --dev, effect: dev}
        - {flag: -D, effect: dev}
        - {flag: --production, value: "false", effect: dev}
      env:
        - {name: npm_config_frozen_lockfile, values: truthy, effect: frozen, ignore_case: true}
        - {name: npm_config_frozen_lockfile, values: falsy, effect: unfrozen, ignore_case: true}
        - {name: NODE_ENV, values: [production], effect: prod}
        - {name: NODE_ENV, values: [development], effect: dev}
        - {name: CI, values: truthy, effect: frozen, note: "pnpm turns --frozen-lockfile on in CI"}
    - names: [add]
      action: resolve
      packages: resolve
    - names: [update, up, upgrade, remove, rm, uninstall, un, dedupe, import]
      action: resolve
    - names: [fetch]
      action: install
      default: frozen
      note: "fetches the packages pnpm-lock.yaml lists, nothing else"
    - names: [deploy]
      action: install
      default: frozen-if-lockfile
      dev_default: false
      source: project
    - names: [run, start, test, t]
      action: run
    - names: ["store prune"]
      action: clean-cache
    - names: [store, config, c, audit, ls, list, why, outdated, pack, publish, rebuild, rb, prune, exec, dlx, create, init, env, setup, server, root, bin, link, ln, unlink, patch, patch-commit, licenses, doctor, self-update, approve-builds, cat-file, cat-index, find-hash]
      action: other

- id: yarn
  name: Yarn (classic and berry)
  ecosystem: javascript
  executables: [yarn, yarnpkg]
  default_subcommand: install
  manifests: [package.json, .yarnrc.yml, .yarnrc]
  lockfiles: [yarn.lock]
  cache:
    dirs: [/usr/local/share/.cache/yarn, ~/.cache/yarn, ~/.yarn/berry/cache]
    env: [YARN_CACHE_FOLDER, YARN_GLOBAL_FOLDER]
  value_flags: [--cwd, --cache-folder, --modules-folder, --registry, --network-timeout,
                --mutex, --network-concurrency, --global-folder, --link-folder, --use-yarnrc,
                --mode]
  project_dir_flags: [--cwd]
  project: {markers: [package.json], workspace: true}
  config_set: config set
  config:
    - {file: .yarnrc.yml, key: enableImmutableInstalls, value: "true", effect: frozen}
    - {file: .yarnrc.yml, key: enableImmutableInstalls, value: "false", effect: unfrozen}
    - {file: .yarnrc, key: --install.frozen-lockfile, value: "true", effect: frozen}
    - {file: .yarnrc, key: --install.pure-lockfile, value: "true", effect: unfrozen}
  flags:
    - {flag: --offline, effect: offline, note: "yarn classic"}
  subcommands:
    - names: [install]
      action: install
      default: unfrozen
      dev_default: true
      note: "yarn berry turns --immutable on when it detects CI"
      flags:
        - {flag: --frozen-lockfile, effect: frozen, note: "yarn classic"}
        - {flag: --immutable, effect: frozen, note: "yarn berry"}
        - {flag: --immutable, value: "false", effect: unfrozen}
        - {flag: --no-immutable, effect: unfrozen}
        - {flag: --frozen-lockfile, value: "false", effect: unfrozen}
        - {flag: --pure-lockfile, effect: unfrozen, note: "classic: does not write yarn.lock, but does not fail when it is stale either"}
        - {flag: --no-lockfile, effect: no-lockfile, note: "classic: neither reads nor writes yarn.lock"}
        - {flag: --production, effect: prod}
        - {flag: --prod, effect: prod}
        - {flag: --production, value: "false", effect: dev}
      env:
        - {name: YARN_ENABLE_IMMUTABLE_INSTALLS, values: truthy, effect: frozen}
        - {name: YARN_ENABLE_IMMUTABLE_INSTALLS, values: falsy, effect: unfrozen}
        - {name: YARN_FROZEN_LOCKFILE, values: truthy, effect: frozen}
        - {name: NODE_ENV, values: [production], effect: prod}
        - {name: NODE_ENV, values: [development], effect: dev}
    - names: ["workspaces focus"]
      action: install
      default: unfrozen
      dev_default: true
      flags:
        - {flag: --production, effect: prod}
    - names: [add, "global add"]
      action: resolve
      packages: resolve
    - names: [upgrade, up, remove, upgrade-interactive, dedupe]
      action: resolve
    - names: [run]
      action: run
    - names: ["cache clean"]
      action: clean-cache
    - names: [cache, config, info, list, why, pack, publish, global, bin, dlx, exec, init, link, unlink, set, plugin, workspaces, workspace, version, audit, autoclean, check, generate-lock-entry, import, licenses, login, logout, outdated, owner, policies, tag, team, test, help, npm, node, constraints, explain, patch, patch-commit, rebuild, stage, unplug]
      action: other

- id: bun
  name: Bun
  ecosystem: javascript
  executables: [bun]
  manifests: [package.json, bunfig.toml]
  lockfiles: [bun.lock, bun.lockb]
  cache:
    dirs: [~/.bun/install/cache]
    env: [BUN_INSTALL_CACHE_DIR, BUN_INSTALL]
  value_flags: [--cwd, -c, --config, --cache-dir, --registry, --backend, --filter, -F,
                --network-concurrency, --concurrent-scripts, --omit, --linker]
  project_dir_flags: [--cwd]
  project: {markers: [package.json], workspace: true}
  global_flags: [-g, --global]
  flags:
    - {flag: --no-cache, effect: no-cache}
  config:
    - {file: bunfig.toml, key: install.frozenLockfile, value: "true", effect: frozen}
    - {file: bunfig.toml, key: install.saveTextLockfile, value: "false", effect: no-lockfile}
  subcommands:
    - names: [install, i]
      action: install
      default: unfrozen
      packages: resolve
      dev_default: true
      flags:
        - {flag: --frozen-lockfile, effect: frozen}
        - {flag: --no-save, effect: unfrozen, note: "does not write the lockfile but does not fail when it is stale"}
        - {flag: --production, effect: prod}
        - {flag: -p, effect: prod}
        - {flag: --omit, value: dev, effect: prod, takes_value: true}
      env:
        - {name: NODE_ENV, values: [production], effect: prod}
        - {name: NODE_ENV, values: [development], effect: dev}
    - names: [ci]
      action: install
      default: frozen
      dev_default: true
      flags:
        - {flag: --production, effect: prod}
    - names: [add, a]
      action: resolve
      packages: resolve
    - names: [update, remove, rm]
      action: resolve
    - names: [run]
      action: run
    - names: [x, pm, link, unlink, build, test, create, init, upgrade, outdated, patch, publish, audit, info, why]
      action: other

# ---------------------------------------------------------------- OS packages
- id: apt
  name: APT
  ecosystem: debian
  executables: [apt-get, apt]
  manifests: []
  lockfiles: []
  pins: ["="]
  cache:
    dirs: [/var/cache/apt, /var/lib/apt]
    env: []
    sharing: locked
  value_flags: [-o, --option, -c, --config-file, -t, --target-release, --default-release]
  config:
    - {file: /etc/apt/apt.conf.d/docker-clean, key: Binary::apt::APT::Keep-Downloaded-Packages, value: "false", effect: no-cache, note: "Debian and Ubuntu images delete downloaded packages: remove this file to use a cache mount"}
  subcommands:
    - names: [install, reinstall, upgrade, dist-upgrade, full-upgrade, build-dep]
      action: install
      default: unfrozen
      packages: unfrozen
      note: "versions are pinned per package with name=version"
    - names: [update]
      action: refresh
    - names: [remove, purge, autoremove]
      action: remove
      note: "with no package named (autoremove, purge --auto-remove) removes what is marked automatically installed and no longer needed"
    - names: [clean, autoclean, dist-clean]
      action: clean-cache
      note: "dist-clean (apt 2.7+) also deletes the package lists"
    - names: [download, source, check, satisfy, changelog, list, search, show, policy]
      action: other

- id: apk
  name: apk
  ecosystem: alpine
  executables: [apk]
  manifests: []
  lockfiles: []
  pins: ["="]
  cache:
    # apk keeps downloaded packages only when /etc/apk/cache exists (a cache
    # mount creates it); /var/cache/apk holds the indexes.
    dirs: [/etc/apk/cache, /var/cache/apk]
    env: []
  value_flags: [-t, --virtual, -X, --repository, -p, --root, --repositories-file, --arch,
                --cache-dir, --keys-dir]
  flags:
    - {flag: --no-cache, effect: no-cache}
  subcommands:
    - names: [add, upgrade, fix]
      action: install
      default: unfrozen
      packages: unfrozen
    - names: [update]
      action: refresh
    - names: [del]
      action: remove
      note: "deleting a virtual package (apk add --virtual .build-deps ...) removes what it pulled in"
    - names: ["cache clean", "cache purge"]
      action: clean-cache
    - names: [cache, info, search, list, fetch, audit, stats, verify, dot, policy, version, index, manifest]
      action: other

- id: dnf
  name: DNF
  ecosystem: rpm
  executables: [dnf, dnf5]
  manifests: []
  lockfiles: []
  cache:
    dirs: [/var/cache/dnf, /var/cache/libdnf5]
    env: []
  value_flags: [--setopt, --enablerepo, --disablerepo, --repo, --installroot, --releasever,
                -x, --exclude, -c, --config, --forcearch, --repofrompath]
  subcommands:
    - names: [install, reinstall, upgrade, update, distro-sync, group install, groupinstall, module install]
      action: install
      default: unfrozen
      packages: unfrozen
    - names: [makecache]
      action: refresh
    - names: [remove, erase, autoremove, group remove, groupremove]
      action: remove
    - names: [clean]
      action: clean-cache
    - names: [list, info, search, repolist, config-manager, download, history, module, group, provides, repoquery, check-update, swap, mark]
      action: other

- id: yum
  name: YUM
  ecosystem: rpm
  executables: [yum]
  manifests: []
  lockfiles: []
  cache:
    dirs: [/var/cache/yum]
    env: []
  value_flags: [--setopt, --enablerepo, --disablerepo, --installroot, --releasever, -x, --exclude, -c, --config]
  subcommands:
    - names: [install, reinstall, upgrade, update, groupinstall, localinstall]
      action: install
      default: unfrozen
      packages: unfrozen
    - names: [makecache]
      action: refresh
    - names: [remove, erase, autoremove, groupremove]
      action: remove
    - names: [clean]
      action: clean-cache
    - names: [list, info, search, repolist, history, provides, check-update]
      action: other

- id: microdnf
  name: microdnf
  ecosystem: rpm
  executables: [microdnf]
  manifests: []
  lockfiles: []
  cache:
    dirs: [/var/cache/yum, /var/cache/dnf]
    env: []
  value_flags: [--setopt, --enablerepo, --disablerepo, --installroot, --releasever, --config]
  subcommands:
    - names: [install, reinstall, upgrade, update, distro-sync]
      action: install
      default: unfrozen
      packages: unfrozen
    - names: [makecache]
      action: refresh
    - names: [remove]
      action: remove
    - names: [clean]
      action: clean-cache
    - names: [repolist, download, module]
      action: other

- id: zypper
  name: zypper
  ecosystem: rpm
  executables: [zypper]
  manifests: []
  lockfiles: []
  cache:
    dirs: [/var/cache/zypp]
    env: []
  value_flags: [--root, -R, --reposd-path, --cache-dir, -r, --repo, --from, -t, --type]
  subcommands:
    - names: [install, in, update, up, dist-upgrade, dup, patch]
      action: install
      default: unfrozen
      packages: unfrozen
    - names: [refresh, ref]
      action: refresh
    - names: [remove, rm]
      action: remove
    - names: [clean, cc]
      action: clean-cache
    - names: [search, se, info, if, addrepo, ar, removerepo, rr, repos, lr, lock, al, locks, ll]
      action: other

# ---------------------------------------------------------------- Ruby
- id: gem
  name: RubyGems
  ecosystem: ruby
  executables: [gem]
  manifests: ["*.gemspec"]
  lockfiles: []
  cache:
    dirs: [/usr/local/bundle/cache, ~/.gem]
    env: [GEM_HOME, GEM_SPEC_CACHE]
  value_flags: [-v, --version, -i, --install-dir, -n, --bindir, -s, --source, --platform, -P, --trust-policy, -g, --file]
  subcommands:
    - names: [install, i, update]
      action: install
      default: unfrozen
      packages: unfrozen
      note: "pin with -v VERSION"
    - names: [uninstall, list, search, query, build, push, sources, cleanup, contents, environment, fetch, help, info, outdated, owner, pristine, rdoc, specification, which, yank]
      action: other

- id: bundler
  name: Bundler
  ecosystem: ruby
  executables: [bundle, bundler]
  default_subcommand: install
  manifests: [Gemfile]
  lockfiles: [Gemfile.lock]
  cache:
    dirs: [/usr/local/bundle/cache, ~/.bundle/cache]
    env: [BUNDLE_PATH, BUNDLE_USER_CACHE, BUNDLE_CACHE_PATH]
  value_flags: [--gemfile, --path, -j, --jobs, --retry, --without, --with, --binstubs, --shebang, --standalone, --trust-policy, --target-rbconfig]
  project_dir_flags: []
  project: {markers: [Gemfile, gems.rb], env: [BUNDLE_GEMFILE], lockfile_flags: [--gemfile]}
  config:
    - {file: .bundle/config, key: BUNDLE_FROZEN, value: "true", effect: frozen}
    - {file: .bundle/config, key: BUNDLE_DEPLOYMENT, value: "true", effect: frozen}
  subcommands:
    - names: [install]
      action: install
      default: unfrozen
      dev_default: true
      note: "without --frozen Bundler re-resolves and rewrites Gemfile.lock when the Gemfile changed"
      flags:
        - {flag: --frozen, effect: frozen, deprecated: true, note: "Bundler 2 warns that it is going away; set BUNDLE_FROZEN=true"}
        - {flag: --deployment, effect: frozen, deprecated: true, note: "Bundler 2 warns that it is going away; set BUNDLE_DEPLOYMENT=true"}
        - {flag: --without, value: development, effect: prod, takes_value: true}
        - {flag: --with, value: development, effect: dev, takes_value: true}
      env:
        - {name: BUNDLE_FROZEN, values: truthy, effect: frozen}
        - {name: BUNDLE_DEPLOYMENT, values: truthy, effect: frozen}
        - {name: BUNDLE_WITHOUT, contains: development, effect: prod}
    - names: [lock, update, add, remove]
      action: resolve
    - names: [check]
      action: verify
    - names: [exec, config, clean, package, pack, cache, list, show, info, outdated, binstubs, init, gem, platform, plugin, doctor, version, help]
      action: other

# ---------------------------------------------------------------- Go, Rust, PHP
- id: go
  name: Go modules
  ecosystem: go
  executables: [go]
  manifests: [go.mod, go.work]
  lockfiles: [go.sum]
  cache:
    dirs: [/go/pkg/mod, ~/go/pkg/mod, ~/.cache/go-build]
    env: [GOMODCACHE, GOCACHE, GOPATH]
  value_flags: [-C, -o, -ldflags, -gcflags, -asmflags, -tags, -p, -mod, -modfile, -buildmode, -pkgdir, -toolexec, -overlay, -pgo, -run, -bench, -timeout, -count]
  project_dir_flags: [-C]
  project: {markers: [go.mod], workspace: true}
  flags:
    - {flag: -mod, value: mod, effect: unfrozen, takes_value: true, note: "lets go update go.mod and go.sum"}
    - {flag: -mod, value: readonly, effect: frozen, takes_value: true}
    - {flag: -mod, value: vendor, effect: frozen, takes_value: true}
    - {flag: -mod, value: vendor, effect: offline, takes_value: true, note: "builds from vendor/"}
  env:
    - {name: GOFLAGS, contains: "-mod=mod", effect: unfrozen}
    - {name: GOFLAGS, contains: "-mod=vendor", effect: offline}
    - {name: GOPROXY, values: ["off"], effect: offline}
  subcommands:
    - names: ["mod download"]
      action: install
      default: frozen
      note: "since Go 1.16 builds do not change go.mod unless -mod=mod"
    - names: ["mod verify"]
      action: verify
      note: "checks the module cache against go.sum"
    - names: ["mod vendor", build, install, test, run, vet, generate, list]
      action: install
      default: frozen
      source: project
      note: "since Go 1.16 builds do not change go.mod unless -mod=mod"
    - names: [get]
      action: resolve
      packages: resolve
      note: "outside a module (no go.mod), old Go versions install the named tools instead"
    - names: ["mod tidy", "work sync", "mod edit"]
      action: resolve
    - names: ["mod init", "mod graph", "mod why", "work init", "work use", env, version, clean, fmt, doc, tool, fix, help, bug, telemetry]
      action: other

- id: cargo
  name: Cargo
  ecosystem: rust
  executables: [cargo]
  manifests: [Cargo.toml]
  lockfiles: [Cargo.lock]
  project: {markers: [Cargo.toml], workspace: true, lockfile_flags: [--manifest-path, --lockfile-path]}
  cache:
    dirs: [/usr/local/cargo/registry, /usr/local/cargo/git, ~/.cargo/registry, ~/.cargo/git]
    env: [CARGO_HOME]
  value_flags: [--manifest-path, -p, --package, --target, --target-dir, --features, -F, -j, --jobs, --profile, --bin, --example, --test, --bench, --root, --version, --git, --branch, --tag, --rev, --path, --index, --registry, --config, -Z, --color, --lockfile-path]
  flags:
    - {flag: --locked, effect: frozen, note: "fails when Cargo.lock would change"}
    - {flag: --frozen, effect: frozen, note: "--locked and --offline"}
    - {flag: --frozen, effect: offline}
    - {flag: --offline, effect: offline}
  env:
    - {name: CARGO_NET_OFFLINE, values: truthy, effect: frozen}
    - {name: CARGO_NET_OFFLINE, values: truthy, effect: offline}
  subcommands:
    - names: [build, b, check, c, test, t, run, r, fetch, bench, doc, d, clippy, vendor, package]
      action: install
      default: unfrozen
      source: project
      note: "without --locked cargo may update Cargo.lock"
    - names: [install]
      action: install
      default: unfrozen
      packages: unfrozen
      note: "cargo install ignores the package's Cargo.lock unless --locked"
      flags:
        - {flag: --path, effect: project, takes_value: true}
    - names: [generate-lockfile, update, add, remove, rm]
      action: resolve
    - names: [clean, new, init, search, publish, login, tree, metadata, fmt, version, help, uninstall, yank, owner, pkgid, locate-project, verify-project, rustc, rustdoc]
      action: other

- id: composer
  name: Composer
  ecosystem: php
  executables: [composer, composer.phar]
  manifests: [composer.json]
  lockfiles: [composer.lock]
  cache:
    dirs: [~/.composer/cache, ~/.cache/composer, /tmp/cache]
    env: [COMPOSER_CACHE_DIR, COMPOSER_HOME]
  value_flags: [-d, --working-dir, --prefer-install, --ignore-platform-req]
  project_dir_flags: [-d, --working-dir]
  project: {markers: [composer.json], env: [COMPOSER]}
  flags:
    - {flag: --no-cache, effect: no-cache}
  env:
    - {name: COMPOSER_CACHE_DIR, values: [/dev/null], effect: no-cache}
  subcommands:
    - names: [install, i]
      action: install
      default: frozen-if-lockfile
      dev_default: true
      note: "composer install uses composer.lock when present and resolves (writing it) when not"
      source: root
      flags:
        - {flag: --no-scripts, effect: no-project, note: "(best with --no-autoloader) then, after copying the source, `composer dump-autoload` and the project's scripts"}
        - {flag: --no-dev, effect: prod}
        - {flag: --dev, effect: dev}
      env:
        - {name: COMPOSER_NO_DEV, values: truthy, effect: prod}
    - names: [update, u, upgrade, require, r, remove, rm, bump]
      action: resolve
      flags:
        - {flag: --no-dev, effect: prod}
    - names: [validate]
      action: verify
    - names: [run-script, run, exec]
      action: run
    - names: [clear-cache, clearcache, cc]
      action: clean-cache
    - names: [dump-autoload, dumpautoload, show, info, outdated, config, create-project, global, diagnose, self-update, selfupdate, search, depends, why, prohibits, why-not, archive, audit, licenses, status, suggests, fund, init, check-platform-reqs, reinstall, help, list]
      action: other
)yaml";

}  // namespace dd::knowledge
