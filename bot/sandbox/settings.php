<?php
# permbot sandbox: settings appended to install.php's LocalSettings.php (copied into the wiki folder as
# SandboxSettings.php). Every path is computed from __DIR__ so a prepared wiki folder can be copied anywhere.
if ( !defined( 'MEDIAWIKI' ) ) {
	exit;
}

# The port changes with every `permbot sandbox up`; the Python side writes the base URL into server-url.
$permbotServer = @file_get_contents( __DIR__ . '/server-url' );
$wgServer = $permbotServer !== false ? trim( $permbotServer ) : 'http://127.0.0.1';
$wgCanonicalServer = $wgServer;

$wgMetaNamespace = 'Commons';
$wgEnableEmail = false;
$wgEnableUserEmail = false;
$wgShowExceptionDetails = true;

# Uploads land in the wiki folder; the router serves /images/ from there. No ImageMagick, no thumbnails.
$wgEnableUploads = true;
$wgUseImageMagick = false;
$wgUploadDirectory = __DIR__ . '/images';
$wgUploadPath = '/images';
$wgCacheDirectory = __DIR__ . '/cache';
$wgTmpDirectory = __DIR__ . '/tmp';
$wgGenerateThumbnailOnParse = false;
$wgForceUIMsgAsContentMsg = [ 'filedesc', 'license-header' ];

# Tests restore the main database between cases: no cache may outlive it except sessions (kept in
# wikicache.sqlite so logins survive a restore). Jobs never run on requests; the links of imported and
# edited pages are written by the request or script itself.
$wgParserCacheType = CACHE_NONE;
# A throwaway wiki needs no fsync: without it bulk imports run twice as fast.
$wgDBservers = [ [
	'host' => '',
	'user' => '',
	'password' => '',
	'dbname' => $wgDBname,
	'type' => 'sqlite',
	'load' => 1,
	'flags' => DBO_DEFAULT,
	'variables' => [ 'synchronous' => 'OFF', 'temp_store' => 'MEMORY' ],
] ];
$wgJobRunRate = 0;
$wgRateLimits = [];
$wgGroupPermissions['bot']['noratelimit'] = true;
$wgGroupPermissions['user']['noratelimit'] = true;
# The review page's local login admits members of this group (Commons' agents are a global group).
$wgGroupPermissions['vrt-permissions']['read'] = true;

# Read-only switch: the wiki is read-only (reason = the file's content) while this file exists.
$wgReadOnlyFile = __DIR__ . '/readonly';

wfLoadExtension( 'ParserFunctions' );
$wgPFEnableStringFunctions = true;

# Injected replication lag. SQLite reports none, so maxlag never fires on its own; control.json holds
# {"maxlag": SECONDS, "maxlag_count": N}: the next N API requests whose maxlag parameter is below SECONDS
# get MediaWiki's own maxlag error (with Retry-After and X-Database-Lag headers).
$wgHooks['ApiMaxLagInfo'][] = static function ( array &$lagInfo ) {
	$path = __DIR__ . '/control.json';
	if ( !is_file( $path ) ) {
		return;
	}
	$handle = @fopen( $path, 'r+' );
	if ( $handle === false ) {
		return;
	}
	flock( $handle, LOCK_EX );
	$control = json_decode( (string)stream_get_contents( $handle ), true );
	$lag = is_array( $control ) && is_numeric( $control['maxlag'] ?? null ) ? $control['maxlag'] + 0 : 0;
	$count = is_array( $control ) ? (int)( $control['maxlag_count'] ?? 0 ) : 0;
	$asked = RequestContext::getMain()->getRequest()->getVal( 'maxlag' );
	if ( $count > 0 && $asked !== null && $lag > (float)$asked ) {
		$lagInfo = [ 'host' => 'sandbox-db', 'lag' => $lag, 'type' => 'db' ];
		$control['maxlag_count'] = $count - 1;
		ftruncate( $handle, 0 );
		rewind( $handle );
		fwrite( $handle, json_encode( $control ) );
	}
	flock( $handle, LOCK_UN );
	fclose( $handle );
};
