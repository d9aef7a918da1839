// The campaign services (definition and life cycle, launch planning, dispatch through the channel
// providers, measurement), imported by the web app, the worker and the CLI. The rules themselves
// are @dangol/domain's (pure).
