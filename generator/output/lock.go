package output

import (
	"context"
	"fmt"
)

// lock takes the lock at path, creating the file, and returns what
// releases it. While another build holds it, lock calls waiting once and
// waits until it is free or ctx is done.
func lock(ctx context.Context, path string, waiting func()) (func(), error) {
	l, err := openLock(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open the lock %s: %w", path, err)
	}
	held, err := l.try()
	if err != nil {
		l.release()
		return nil, err
	}
	if !held {
		if waiting != nil {
			waiting()
		}
		done := make(chan error, 1)
		go func() { done <- l.wait() }()
		select {
		case err := <-done:
			if err != nil {
				l.release()
				return nil, fmt.Errorf("waiting for the lock %s: %w", path, err)
			}
		case <-ctx.Done():
			// The wait cannot be called off: let it finish on its own
			// and hand the lock straight back.
			go func() {
				<-done
				l.release()
			}()
			return nil, fmt.Errorf("stopped waiting for another build (it holds %s): %w", path, ctx.Err())
		}
	}
	return l.release, nil
}
