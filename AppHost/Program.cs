// Ecom.Aspire AppHost: the whole system with one command (dotnet run --project AppHost).
// It sets the configuration contract of shared/DESIGN.md section 2 (the same keys scripts/run-local.sh sets without
// Docker): ConnectionStrings:ecomdb, ConnectionStrings:cache, services:api:http:0, Ecom:AdminApiKey,
// Ecom:BiReaderPassword. Written against Aspire 13.1 (Aspire.Hosting, Aspire.Hosting.PostgreSQL, Aspire.Hosting.Redis).

var builder = DistributedApplication.CreateBuilder(args);

// ---- Secrets: parameters, never literals ---------------------------------------------------------------------------
// Each is read from the configuration key Parameters:<name> (user secrets of this project, or an environment variable
// such as Parameters__admin_api_key); when one is missing, the dashboard asks for it and can save it to user secrets.
var postgresPassword = builder.AddParameter("postgres-password", secret: true)
    .WithDescription("Password of the PostgreSQL superuser 'postgres'. Keep it once the data volume exists: the volume keeps the first one.");
var adminApiKey = builder.AddParameter("admin-api-key", secret: true)
    .WithDescription("Admin key (Ecom:AdminApiKey): X-Api-Key header for Api calls that write or start jobs; password of user 'admin' on the Hangfire dashboard.");
var biReaderPassword = builder.AddParameter("bi-reader-password", secret: true)
    .WithDescription("Password of the read-only PostgreSQL role bi_reader (Ecom:BiReaderPassword), which Superset connects with.");
var supersetAdminPassword = builder.AddParameter("superset-admin-password", secret: true)
    .WithDescription("Password of the Superset user 'admin'.");
var supersetSecretKey = builder.AddParameter("superset-secret-key", secret: true)
    .WithDescription("Superset's SECRET_KEY (signs sessions, encrypts stored database passwords): a long random string.");

// ---- Data stores -----------------------------------------------------------------------------------------------------
var postgres = builder.AddPostgres("postgres", password: postgresPassword)
    .WithDataVolume()
    .WithPgAdmin();
var ecomdb = postgres.AddDatabase("ecomdb");   // created when the server is ready; ConnectionStrings__ecomdb

var cache = builder.AddRedis("cache")          // ConnectionStrings__cache (StackExchange.Redis format)
    .WithDataVolume();                         // also turns on Redis snapshots (WithPersistence)

// ---- The three hosts -------------------------------------------------------------------------------------------------
// The Worker applies the migrations at start (schemas shop, sim, dw, hangfire and the role bi_reader, whose password it
// sets from Ecom:BiReaderPassword) and only then listens, so "healthy" means "schema ready".
// MALLOC_ARENA_MAX=2: glibc gives each busy thread a malloc arena of its own (up to 8 per core), and the runtime's native
// allocations spread over them kept the working set creeping up under steady load (README, soak).
var worker = builder.AddProject<Projects.Worker>("worker")
    .WithReference(ecomdb)
    .WithReference(cache)
    .WaitFor(ecomdb)
    .WaitFor(cache)
    .WithEnvironment("Ecom__AdminApiKey", adminApiKey)
    .WithEnvironment("Ecom__BiReaderPassword", biReaderPassword)
    .WithEnvironment("MALLOC_ARENA_MAX", "2")
    .WithHttpHealthCheck("/health");

var api = builder.AddProject<Projects.Api>("api")
    .WithReference(ecomdb)
    .WithReference(cache)
    .WaitFor(ecomdb)
    .WaitFor(worker)
    .WithEnvironment("Ecom__AdminApiKey", adminApiKey)
    .WithEnvironment("MALLOC_ARENA_MAX", "2")
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Web>("web")
    .WithReference(api)                        // services__api__http__0
    .WaitFor(api)
    .WithEnvironment("Ecom__AdminApiKey", adminApiKey)
    .WithEnvironment("MALLOC_ARENA_MAX", "2")
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

// ---- Apache Superset (BI on the read-only role bi_reader) ------------------------------------------------------------
// Superset's release images carry no database driver since 4.1, so both containers are built from
// superset/Dockerfile: the pinned apache/superset release plus psycopg2. The folder superset/ is mounted read-only at
// /app/ecom (configuration, init script, dataset definitions); Superset's own metadata is SQLite on a named volume
// that the one-shot init and the web server share.
const string SupersetVersion = "4.1.2";
const string SupersetFiles = "/app/ecom";
const string SupersetConfigPath = SupersetFiles + "/superset_config.py";
const string SupersetHomeVolume = "ecom-aspire-superset-home";

var supersetInit = builder.AddDockerfile("superset-init", "superset")
    .WithBuildArg("SUPERSET_VERSION", SupersetVersion)
    .WithEntrypoint("/bin/bash")
    .WithArgs(SupersetFiles + "/init.sh")
    .WithBindMount("superset", SupersetFiles, isReadOnly: true)
    .WithVolume(SupersetHomeVolume, "/app/superset_home")
    .WithEnvironment("SUPERSET_CONFIG_PATH", SupersetConfigPath)
    .WithEnvironment("SUPERSET_SECRET_KEY", supersetSecretKey)
    .WithEnvironment("SUPERSET_ADMIN_USERNAME", "admin")
    .WithEnvironment("SUPERSET_ADMIN_PASSWORD", supersetAdminPassword)
    // Seen from a container, the postgres endpoint resolves to the container's name on the Aspire network
    // (postgres.dev.internal) and its target port (5432), not to the host-side proxy.
    .WithEnvironment("ECOM_DB_HOST", $"{postgres.Resource.Host}")
    .WithEnvironment("ECOM_DB_PORT", $"{postgres.Resource.Port}")
    .WithEnvironment("ECOM_DB_NAME", ecomdb.Resource.DatabaseName)
    .WithEnvironment("ECOM_BI_READER_PASSWORD", biReaderPassword)
    .WaitFor(ecomdb)
    .WaitFor(worker);                          // bi_reader and the dw schema exist once the Worker has migrated

builder.AddDockerfile("superset", "superset")
    .WithBuildArg("SUPERSET_VERSION", SupersetVersion)
    .WithBindMount("superset", SupersetFiles, isReadOnly: true)
    .WithVolume(SupersetHomeVolume, "/app/superset_home")
    .WithEnvironment("SUPERSET_CONFIG_PATH", SupersetConfigPath)
    .WithEnvironment("SUPERSET_SECRET_KEY", supersetSecretKey)
    .WithHttpEndpoint(targetPort: 8088, name: "http")
    .WithHttpHealthCheck("/health")
    .WaitForCompletion(supersetInit);

builder.Build().Run();
