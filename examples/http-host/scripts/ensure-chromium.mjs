#!/usr/bin/env node
/**
 * Makes sure Debian's `chromium` is installed before the tests run: the dashboard's browser test
 * drives it (test/dashboard.browser.int.spec.ts). Installs it with apt-get when missing and run
 * as root; otherwise says how to install it and exits non-zero, so `npm test` stops with one
 * clear line instead of a failing browser test.
 */
import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"

const executable = "/usr/bin/chromium"

if (!existsSync(executable)) {
  if (process.getuid?.() !== 0) {
    process.stderr.write(
      `The dashboard's browser test needs Debian's chromium at ${executable}: run \`sudo apt-get install -y chromium\`.\n`
    )
    process.exit(1)
  }
  process.stdout.write("Installing Debian's chromium for the dashboard's browser test (apt-get)…\n")
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" })
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" }
  })
}
