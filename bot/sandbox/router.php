<?php
# permbot sandbox: router script for `php -S 127.0.0.1:PORT -t MEDIAWIKI_CODE router.php`.
# The wiki folder is the directory of MW_CONFIG_FILE. The router serves uploads from WIKI/images (the code
# folder is shared by every sandbox) and appends one JSON line per api.php request to WIKI/api.log, so tests
# and benchmarks can count requests. /permbot-sandbox-id answers with WIKI/sandbox-id, the random token
# `permbot sandbox up` wrote, so it can tell its own wiki from another one on the same port. Everything else
# goes to MediaWiki's own entry points.

$permbotWiki = dirname( (string)getenv( 'MW_CONFIG_FILE' ) );
$permbotPath = (string)parse_url( $_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH );

if ( $permbotPath === '/permbot-sandbox-id' ) {
	header( 'Content-Type: text/plain' );
	echo (string)@file_get_contents( $permbotWiki . '/sandbox-id' );
	return true;
}

if ( strncmp( $permbotPath, '/images/', 8 ) === 0 ) {
	$relative = rawurldecode( substr( $permbotPath, 8 ) );
	$file = realpath( $permbotWiki . '/images/' . $relative );
	$root = realpath( $permbotWiki . '/images' );
	if ( $file === false || $root === false || strncmp( $file, $root . '/', strlen( $root ) + 1 ) !== 0
		|| !is_file( $file )
	) {
		http_response_code( 404 );
		echo "Not found\n";
		return true;
	}
	$type = function_exists( 'mime_content_type' ) ? mime_content_type( $file ) : false;
	header( 'Content-Type: ' . ( $type ?: 'application/octet-stream' ) );
	header( 'Content-Length: ' . filesize( $file ) );
	readfile( $file );
	return true;
}

if ( $permbotPath === '/api.php' ) {
	$params = $_POST + $_GET;
	$count = static function ( string $name ) use ( $params ): ?int {
		return isset( $params[$name] ) ? count( explode( '|', (string)$params[$name] ) ) : null;
	};
	$entry = [
		'time' => microtime( true ),
		'method' => $_SERVER['REQUEST_METHOD'] ?? 'GET',
		'action' => $params['action'] ?? null,
	];
	foreach ( [ 'list', 'prop', 'meta', 'generator', 'maxlag', 'continue' ] as $name ) {
		if ( isset( $params[$name] ) ) {
			$entry[$name] = (string)$params[$name];
		}
	}
	foreach ( [ 'titles', 'pageids', 'revids' ] as $name ) {
		$n = $count( $name );
		if ( $n !== null ) {
			$entry[$name] = $n;
		}
	}
	if ( isset( $params['title'] ) ) {
		$entry['title'] = (string)$params['title'];
	}
	file_put_contents(
		$permbotWiki . '/api.log',
		json_encode( $entry, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) . "\n",
		FILE_APPEND | LOCK_EX
	);
}

return false;
