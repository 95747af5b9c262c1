export const USAGE = {
  main: `floodwatch — alerts for open-weight model releases on the Hugging Face Hub

Usage: floodwatch <command> [options]

Commands:
  start                                  run the service: poll on POLL_CRON, reconcile on RECONCILE_CRON, deliver alerts
  poll --once [--full]                   one tick (--full adds the full reconcile listing), deliver, exit
  labs list [--json]                     the lab catalog and what the console tracks
  labs add <org> --country CC [--name N] track a Hub org (a new org's first poll is a silent baseline)
  labs remove <org>                      stop tracking the lab that owns <org>
  releases [--days N] [--json]           releases of the last N days (default 7), history marked
  backfill [--since D] [--org ORG]       turn the tracked orgs' earlier repos into historical releases
  run <command> [sub] [name:value …]     any slash command for the console workspace (--json: the reply as JSON;
                                         --chart FILE: its chart as PNG)
  commands sync                          register the slash commands with Discord (needs DISCORD_TOKEN)
  secrets rotate                         seal stored secrets again with FLOODWATCH_SECRET_KEY
  deliveries list [--failed] [--json]    alerts not sent yet, or (--failed) given up after their retries
  deliveries retry <id…|--all>           put failed deliveries back in the queue
  help [command]                         this text, or one command's

Configuration comes from the environment; see README.md.`,
  start: `Usage: floodwatch start

Runs the service: a first tick at once, then a poll tick on POLL_CRON and a full reconcile on
RECONCILE_CRON, delivering alerts after each tick and retries in between. Stops on SIGINT/SIGTERM.
Serves GET /healthz, GET /metrics and POST /hooks/huggingface (with HF_WEBHOOK_SECRET) on PORT.
Several of them on one DATABASE_URL poll each tick once between them.`,
  poll: `Usage: floodwatch poll --once [--full]

Runs one tick over every tracked org, delivers the resulting alerts and exits.
  --once   required: run one tick and exit (the service is "floodwatch start")
  --full   also list every repo of every org (the reconcile), to find old repos made public now`,
  labs: `Usage:
  floodwatch labs list [--json]
  floodwatch labs add <org> --country CC [--name "Lab name"]
  floodwatch labs remove <org>

<org> is a Hugging Face org (e.g. deepseek-ai); CC an ISO 3166-1 alpha-2 country code (e.g. CN).
An org already in the catalog needs no --country. Adding an org of a known lab tracks that lab.`,
  releases: `Usage: floodwatch releases [--days N] [--json]

Lists the releases of the last N days (1 to 365, default 7), newest first: those first seen then, and
historical ones (marked "(history)": published before floodwatch watched the lab) created then.
  --json   print a JSON array: each release with its lab, country, date, "historical" and models`,
  backfill: `Usage: floodwatch backfill [--since YYYY-MM-DD] [--org ORG] [--json]

Turns the repos each tracked org published before floodwatch watched it into historical releases,
dated by creation and never alerted (the baseline of a newly tracked org does it by itself). One listing
per 500 repos, within its share of the Hub's rate limit. Run it again at any time: it adds only what is
missing. On the embedded database, stop the service first.
  --since  only repos created on or after this day (the listing stops there)
  --org    only this tracked org
  --json   print the summary as JSON; otherwise a progress bar on a terminal, one line per org elsewhere`,
  commands: `Usage: floodwatch commands sync

Registers the slash commands with Discord in one bulk PUT: to the server DISCORD_GUILD_ID when set
(applies at once), otherwise globally. "floodwatch start" does it too when the set changed.`,
  deliveries: `Usage:
  floodwatch deliveries list [--failed] [--json]
  floodwatch deliveries retry <id> [<id> …]
  floodwatch deliveries retry --all

list    the deliveries not sent yet (waiting, being sent, or given up), newest first, with their last
        error; --failed shows only those given up after their retries; --json prints an array
retry   puts failed deliveries back in the queue, due now with their attempts counted afresh; an id
        that does not exist or is not failed changes nothing (exit 2)
Sent deliveries older than DELIVERY_RETENTION_DAYS (default 30) are deleted by the service.`,
  run: `Usage: floodwatch run <command> [subcommand] [name:value …] [--json] [--chart FILE]

Runs a slash command for the console workspace, as its admin, with the same grammar as Slack:
options as name:value (quote a value with spaces), or values alone in the order the command lists them.
  floodwatch run releases days:30
  floodwatch run rankings metric:likes country:CN limit:5
  floodwatch run alerts subscribe countries:CN mode:daily
  floodwatch run help                    every command and its options
  floodwatch run origins view:timeline --chart timeline.png
  --json   print the reply as JSON: its title, blocks, the values behind them and its chart spec
  --chart  write the reply's chart as a PNG to FILE (origins and rankings; exit 2 for one without)
A mistake prints the same message as in chat and exits 2; nothing is changed.`,
  secrets: `Usage: floodwatch secrets rotate

Seals every stored secret (the bot tokens of Slack workspaces installed with OAuth) again with the
key in FLOODWATCH_SECRET_KEY, opening the ones sealed with FLOODWATCH_SECRET_KEY_PREVIOUS. Prints how
many it re-sealed; running it again changes nothing. Exits 1 when a secret was sealed with neither key.
With the embedded database, stop the service first; with PostgreSQL, run it while the service runs
with both variables set, then drop FLOODWATCH_SECRET_KEY_PREVIOUS.`,
} as const;

export type UsageTopic = keyof typeof USAGE;
