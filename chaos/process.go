package chaos

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// process is cfm-local as a child process: started, restarted after every death the run did
// not ask for, killed with SIGKILL on demand. Its data directory outlives every incarnation.
type process struct {
	cfg    Config
	addr   string
	faulty bool
	stderr *os.File

	mu          sync.Mutex
	cmd         *exec.Cmd
	done        chan struct{} // closed when the current incarnation exited
	stopping    bool
	killing     bool // the driver sent the SIGKILL
	selfCrashes int  // deaths the driver did not cause (the after-write crash fault)
	driverKills int
	faults      map[string]int // fault counts of the incarnations that ended
	current     map[string]int // the live incarnation's, as last read from /healthz
	supervised  sync.WaitGroup
	stopOnce    sync.Once
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func newProcess(cfg Config, addr string, faulty bool, stderr *os.File) *process {
	return &process{cfg: cfg, addr: addr, faulty: faulty, stderr: stderr, faults: map[string]int{}, current: map[string]int{}}
}

// start runs the first incarnation and supervises it: an unexpected exit starts the next one.
func (p *process) start(ctx context.Context) error {
	if err := p.spawn(ctx); err != nil {
		return err
	}
	p.supervised.Go(func() { p.supervise(ctx) })
	return nil
}

func (p *process) spawn(ctx context.Context) error {
	cmd := exec.Command(p.cfg.Binary)
	cmd.Env = append(os.Environ(), p.cfg.childEnv(p.addr, p.faulty)...)
	cmd.Stdout, cmd.Stderr = p.stderr, p.stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start cfm-local: %w", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	p.mu.Lock()
	p.cmd, p.done = cmd, done
	p.mu.Unlock()
	if err := p.waitHealthy(ctx, done); err != nil {
		_ = cmd.Process.Kill() // never two processes on one data directory
		<-done
		return err
	}
	return nil
}

func (p *process) waitHealthy(ctx context.Context, done <-chan struct{}) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := p.health(ctx); err == nil {
			return nil
		}
		select {
		case <-done:
			return nil // died while starting (a crash fault fired at once): the supervisor restarts it
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return errors.New("cfm-local did not answer /healthz within 30s")
		}
	}
}

// supervise restarts the child whenever it dies, until stop.
func (p *process) supervise(ctx context.Context) {
	for {
		p.mu.Lock()
		done := p.done
		p.mu.Unlock()
		select {
		case <-done:
		case <-ctx.Done():
			return
		}
		p.mu.Lock()
		if p.stopping {
			p.mu.Unlock()
			return
		}
		if p.killing {
			p.driverKills++
		} else {
			p.selfCrashes++
		}
		p.killing = false
		p.foldCurrent()
		p.mu.Unlock()
		for {
			err := p.spawn(ctx)
			if err == nil || ctx.Err() != nil {
				break
			}
			p.log("restart failed, again: %v", err)
			time.Sleep(200 * time.Millisecond)
		}
	}
}

// kill9 sends SIGKILL to the live incarnation (the supervisor restarts it).
func (p *process) kill9() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.killing || p.stopping || p.cmd == nil || p.cmd.Process == nil {
		return
	}
	select {
	case <-p.done:
		return // already dead; the supervisor is on it
	default:
	}
	p.killing = true
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
}

// stop ends the child for good with SIGTERM (a clean shutdown), SIGKILL after 15 s. Only the
// first call does anything.
func (p *process) stop() { p.stopOnce.Do(p.stopNow) }

func (p *process) stopNow() {
	p.mu.Lock()
	p.stopping = true
	cmd, done := p.cmd, p.done
	p.mu.Unlock()
	if cmd != nil && cmd.Process != nil {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}
	p.supervised.Wait()
	p.mu.Lock()
	p.foldCurrent()
	p.mu.Unlock()
}

// foldCurrent adds the ended incarnation's fault counters to the run's (p.mu held).
func (p *process) foldCurrent() {
	for k, n := range p.current {
		p.faults[k] += n
	}
	p.current = map[string]int{}
}

// crashes is how many times the child died without being asked to stop.
func (p *process) crashes() (self, driver int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.selfCrashes, p.driverKills
}

// faultCounts sums what every incarnation's /healthz reported (fault:throttle, …).
func (p *process) faultCounts() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := maps.Clone(p.faults)
	for k, n := range p.current {
		out[k] += n
	}
	return out
}

// sample reads the live incarnation's fault counters (run it often: a SIGKILL loses the
// counts since the last sample).
func (p *process) sample(ctx context.Context) {
	h, err := p.health(ctx)
	if err != nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for k, v := range h {
		if name, ok := strings.CutPrefix(k, "fault:"); ok {
			// A JSON number: float64 (fmt.Sprint would write 1e+06 for a million, which Atoi refuses).
			if f, ok := v.(float64); ok && int(f) >= p.current[name] {
				p.current[name] = int(f)
			}
		}
	}
}

func (p *process) health(ctx context.Context) (map[string]any, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+p.addr+"/healthz", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var body struct {
		Details map[string]any `json:"details"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("healthz: %d", resp.StatusCode)
	}
	return body.Details, nil
}

func (p *process) log(format string, args ...any) {
	if p.cfg.Log != nil {
		p.cfg.Log(format, args...)
	}
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
