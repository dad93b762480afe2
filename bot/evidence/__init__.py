"""Evidence from outside: guarded web fetches, site crawls and WHOIS, all behind deadlines."""
